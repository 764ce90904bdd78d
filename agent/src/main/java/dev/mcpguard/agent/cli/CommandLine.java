package dev.mcpguard.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code <command> [--option ...] [operand ...]}, split but not yet judged: each command says which options and
 * operands it takes ({@link #expect}). Options may stand anywhere after the command, as people type them.
 */
record CommandLine(String command, Set<String> options, List<String> operands) {

    static final String HELP = "--help";

    static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("help", Set.of(), List.of());
        }
        String command = args[0];
        if (command.equals("-h") || command.equals(HELP)) {
            command = "help";
        } else if (command.equals("--version")) {
            command = "version";
        }
        Set<String> options = new LinkedHashSet<>();
        List<String> operands = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                options.add(HELP);
            } else if (arg.startsWith("--")) {
                options.add(arg);
            } else {
                operands.add(arg);
            }
        }
        return new CommandLine(command, Set.copyOf(options), List.copyOf(operands));
    }

    boolean wantsHelp() {
        return options.contains(HELP);
    }

    boolean has(String option) {
        return options.contains(option);
    }

    /** Fails unless every option is one of {@code allowed} (or --help) and the operands number min..max. */
    void expect(Set<String> allowed, int min, int max) throws CliFailure {
        for (String option : options) {
            if (!option.equals(HELP) && !allowed.contains(option)) {
                throw usage("unknown option '" + option + "' for '" + command + "'");
            }
        }
        if (operands.size() < min) {
            throw usage("'" + command + "' needs " + (min == 1 ? "a pid" : min + " operands"));
        }
        if (operands.size() > max) {
            throw usage("'" + command + "' takes " + (max == 0 ? "no operand" : "at most " + max + " operand"
                    + (max == 1 ? "" : "s")) + ", not '" + operands.get(max) + "'");
        }
    }

    /** The operand at {@code index} as a process id. */
    long pid(int index) throws CliFailure {
        String text = operands.get(index);
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw usage("'" + text + "' is not a process id (a positive whole number; 'list' shows them)");
    }

    /** The operands from {@code from} on, each {@code key=value}. */
    List<String[]> settings(int from) throws CliFailure {
        List<String[]> pairs = new ArrayList<>();
        for (String operand : operands.subList(Math.min(from, operands.size()), operands.size())) {
            int eq = operand.indexOf('=');
            if (eq <= 0 || operand.substring(0, eq).isBlank()) {
                throw usage("'" + operand + "' is not a setting; expected key=value, e.g. close-timeout=2s");
            }
            pairs.add(new String[] {operand.substring(0, eq).trim(), operand.substring(eq + 1).trim()});
        }
        return pairs;
    }

    private CliFailure usage(String message) {
        return new CliFailure(CliFailure.USAGE, message + "; try: java -jar mcp-guard.jar " + command + " --help");
    }
}
