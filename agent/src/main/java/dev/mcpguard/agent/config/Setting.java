package dev.mcpguard.agent.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its name, how to read a value, its default and what it is for. Each kind of value is a
 * subclass (see {@link Settings}), not a pair of lambdas: the configuration is read while a host's first MCP class
 * may be waiting for it, and in a cold JVM each lambda costs a class spun at run time (measured: Settings' twenty
 * took 16 ms on JDK 25, 11 ms on JDK 17).
 *
 * @param <T> the type of the value
 */
public abstract class Setting<T> {

    public static final String PREFIX = "mcp.guard.";

    private final String key;
    private final String defaultText;
    private final String description;

    Setting(String key, String defaultText, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** {@code mcp.guard.close-timeout} is read from {@code MCP_GUARD_CLOSE_TIMEOUT}. */
    public String environmentVariable() {
        return environmentVariableFor(key);
    }

    static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Parses a value; an {@link IllegalArgumentException}'s message says what is wrong with it. */
    abstract T parse(String text);

    abstract String format(T value);

    @Override
    public final boolean equals(Object o) {
        return o instanceof Setting && ((Setting<?>) o).key.equals(key);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
