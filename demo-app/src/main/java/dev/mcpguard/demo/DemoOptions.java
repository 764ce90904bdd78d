package dev.mcpguard.demo;

import java.nio.file.Path;
import java.util.List;

/** The command line of the demo gateway. */
record DemoOptions(Path serversDir, int calls, boolean help) {

    static final int DEFAULT_CALLS = 6;
    /** A cap so that a typo such as --calls 60000 cannot keep the demo busy for minutes. */
    static final int MAX_CALLS = 1000;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java [-javaagent:mcp-guard.jar] -jar mcp-guard-demo.jar [options]",
            "",
            "A small MCP gateway: starts server-everything over stdio and over Streamable HTTP,",
            "calls its echo tool from a pool of worker threads, closes everything and reports leaks.",
            "",
            "Options:",
            "  --servers <dir>  the folder holding node_modules/@modelcontextprotocol/server-everything",
            "                   and bind-localhost.mjs (default: demo-app/servers next to the jar)",
            "  --calls <n>      echo calls per server, 1.." + MAX_CALLS + " (default: " + DEFAULT_CALLS + ")",
            "  --help           print this help and exit",
            "",
            "Exit code: 0 when every server worked and nothing leaked, 1 otherwise, 2 for a bad command line.");

    /** A command line the demo cannot run with; the message is meant for the user as is. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static DemoOptions parse(List<String> args) throws UsageException {
        Path serversDir = null;
        int calls = DEFAULT_CALLS;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            // Accept both "--calls 5" and "--calls=5".
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return new DemoOptions(serversDir, calls, true);
                }
                case "--servers" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (value.isBlank()) {
                        throw new UsageException("option --servers needs a folder");
                    }
                    serversDir = Path.of(value);
                }
                case "--calls" -> calls = parseCalls(inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new DemoOptions(serversDir, calls, false);
    }

    private static String valueAfter(List<String> args, int index, String name) throws UsageException {
        if (index + 1 >= args.size()) {
            throw new UsageException("option " + name + " needs a value");
        }
        return args.get(index + 1);
    }

    private static int parseCalls(String value) throws UsageException {
        try {
            int calls = Integer.parseInt(value.trim());
            if (calls >= 1 && calls <= MAX_CALLS) {
                return calls;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException("option --calls needs a whole number from 1 to " + MAX_CALLS + ", not '" + value + "'");
    }
}
