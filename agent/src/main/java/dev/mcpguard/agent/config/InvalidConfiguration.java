package dev.mcpguard.agent.config;

import java.util.List;

/** The configuration could not be trusted; carries every problem found and whether strict mode was asked for. */
public final class InvalidConfiguration extends Exception {

    private final List<Problem> problems;
    private final boolean strict;

    InvalidConfiguration(List<Problem> problems, boolean strict) {
        super(problems.get(0).toString(), null, false, false);
        this.problems = List.copyOf(problems);
        this.strict = strict;
    }

    /** A problem found after the values were read, e.g. a log file that cannot be opened. */
    public static InvalidConfiguration of(Setting<?> setting, String value, Origin origin, String complaint,
            boolean strict) {
        return new InvalidConfiguration(List.of(Problem.of(setting, value, origin, complaint)), strict);
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean strict() {
        return strict;
    }
}
