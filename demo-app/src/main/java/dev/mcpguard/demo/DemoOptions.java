package dev.mcpguard.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The command line of the demo gateway. */
record DemoOptions(Path serversDir, Path serversFile, int calls, String scenario, int reconnects, Path chart,
        Duration keepalive, Duration timeCap, int progress, boolean gatewayProcess, String client, boolean help) {

    static final int DEFAULT_CALLS = 6;
    /** A cap so that a typo such as --calls 60000 cannot keep the demo busy for minutes. */
    static final int MAX_CALLS = 1000;
    static final String BASIC = "basic";
    static final String PLANNED_RECONNECTS = "planned-reconnects";
    static final String FROZEN_SERVER = "frozen-server";
    static final String SERVER_KILLED = "server-killed";
    static final String REACTOR_CLOSE = "reactor-close";
    static final String EXIT_WITHOUT_CLOSE = "exit-without-close";
    static final String SERVER_RESTARTED = "server-restarted";
    static final List<String> SCENARIOS = List.of(BASIC, PLANNED_RECONNECTS, FROZEN_SERVER, SERVER_KILLED, REACTOR_CLOSE,
            EXIT_WITHOUT_CLOSE, SERVER_RESTARTED);
    /** The client library the gateway talks MCP with: the official SDK, or LangChain4j's own client. */
    static final String SDK = "sdk";
    static final String LANGCHAIN4J = "langchain4j";
    static final List<String> CLIENTS = List.of(SDK, LANGCHAIN4J);
    static final int DEFAULT_RECONNECTS = 10;
    static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(1);
    /** Below this the keepalive would often close a session before its long call is in flight. */
    static final int MIN_KEEPALIVE_MS = 100;
    static final int MAX_KEEPALIVE_MS = 60_000;
    static final int MAX_TIME_CAP_S = 24 * 60 * 60;
    /** The scenarios that can run on any server; the others act on the processes of the servers they start. */
    static final List<String> SCENARIOS_FOR_ANY_SERVER = List.of(BASIC, PLANNED_RECONNECTS);
    /** The scenarios whose loops reconnect many times: the ones worth a chart, a time cap and progress lines. */
    static final List<String> SCENARIOS_WITH_CHART = List.of(PLANNED_RECONNECTS, REACTOR_CLOSE);

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java [-javaagent:mcp-guard.jar] -jar mcp-guard-demo.jar [options]",
            "",
            "A small MCP gateway: starts server-everything over stdio and over Streamable HTTP (or uses",
            "the servers of --servers-file), calls their echo tool (a ping where a server has none) from a",
            "pool of worker threads, closes everything and reports leaks.",
            "",
            "Options:",
            "  --servers <dir>  the folder holding node_modules/@modelcontextprotocol/server-everything",
            "                   and bind-localhost.mjs (default: demo-app/servers next to the jar)",
            "  --servers-file <file>",
            "                   a properties file naming the servers to use in place of server-everything",
            "                   (basic and planned-reconnects only), one line per server:",
            "                     <name>.command = <command line of a stdio server>",
            "                     <name>.url = <URL of a Streamable HTTP endpoint>",
            "  --calls <n>      calls per server, 1.." + MAX_CALLS + " (default: " + DEFAULT_CALLS + ")",
            "  --client <c>     sdk (default): the official Java MCP SDK; langchain4j: LangChain4j's own",
            "                   MCP client (DefaultMcpClient), basic scenario only: each call is a conversation",
            "                   of its own (a client built, one echo call, closed)",
            "  --scenario <s>   basic (default): one session per server, calls, close;",
            "                   the others drive a failure on purpose; each server runs a reconnect loop with a",
            "                   budget of 5 failures and prints a status line when its state changes:",
            "                   planned-reconnects: a keepalive closes each session every second (--keepalive),",
            "                   with a long call in flight (stdio and Streamable HTTP);",
            "                   frozen-server: the stdio server is frozen (SIGSTOP) with calls in flight; a health",
            "                   check's ping goes unanswered, the gateway closes the session and reconnects;",
            "                   server-killed: the stdio server is killed (SIGKILL) under a long call; the call's",
            "                   failure makes the gateway reconnect;",
            "                   reactor-close: a Mono.delay timer closes each session on a Reactor parallel thread",
            "                   for a planned reconnect (stdio and Streamable HTTP);",
            "                   exit-without-close: the gateway, run as a process of its own, returns from main",
            "                   without closing its stdio session; the demo watches whether that process exits;",
            "                   server-restarted: the Streamable HTTP server is killed and started again on the",
            "                   same port between two calls of a session",
            "  --reconnects <n> planned reconnects per server in planned-reconnects and reactor-close, 1.." + MAX_CALLS
                    + " (default: " + DEFAULT_RECONNECTS + ")",
            "  --keepalive <ms> planned-reconnects: how long each session is served before the keepalive",
            "                   closes it, " + MIN_KEEPALIVE_MS + ".." + MAX_KEEPALIVE_MS + " (default: "
                    + DEFAULT_KEEPALIVE.toMillis() + ")",
            "  --time-cap <s>   planned-reconnects and reactor-close: stop the loops after this many seconds",
            "                   (default: " + Loops.ALLOWANCE_PER_RECONNECT.toSeconds() + " s per reconnect asked for, on top of",
            "                   the session's own time, at least " + Loops.TIME_CAP_FLOOR.toMinutes() + " minutes); a loop"
                    + " stopped there is",
            "                   reported as such, never as failures",
            "  --progress <n>   planned-reconnects and reactor-close: a status line every n planned",
            "                   reconnects per server (default: none)",
            "  --chart <file.svg>",
            "                   planned-reconnects and reactor-close: also draw every server's planned",
            "                   reconnects and counted failures over time into this SVG file",
            "  " + ExitWithoutClose.CHILD_OPTION + "  (internal) run as exit-without-close's gateway process",
            "  --help           print this help and exit",
            "",
            "Exit code: basic and planned-reconnects: 0 when every server worked (none was given up, every",
            "loop reached its count within the time cap) and nothing leaked, 1 otherwise. The other scenarios:",
            "0 when the scenario ran to its summary, whatever the summary shows, 1 when it could not run.",
            "2 for a bad command line.");

    /** A command line the demo cannot run with; the message is meant for the user as is. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static DemoOptions parse(List<String> args) throws UsageException {
        Path serversDir = null;
        Path serversFile = null;
        Path chart = null;
        int calls = DEFAULT_CALLS;
        String scenario = BASIC;
        int reconnects = DEFAULT_RECONNECTS;
        Duration keepalive = DEFAULT_KEEPALIVE;
        Duration timeCap = null;
        int progress = 0;
        boolean gatewayProcess = false;
        String client = SDK;
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
                    return new DemoOptions(serversDir, serversFile, calls, scenario, reconnects, chart, keepalive, timeCap,
                            progress, gatewayProcess, client, true);
                }
                case "--servers" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (value.isBlank()) {
                        throw new UsageException("option --servers needs a folder");
                    }
                    serversDir = Path.of(value);
                }
                case "--servers-file" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (value.isBlank()) {
                        throw new UsageException("option --servers-file needs a file");
                    }
                    serversFile = Path.of(value);
                }
                case "--chart" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (value.isBlank()) {
                        throw new UsageException("option --chart needs a file");
                    }
                    chart = Path.of(value).toAbsolutePath();
                    if (!Files.isDirectory(chart.getParent())) {
                        throw new UsageException("option --chart: the folder " + chart.getParent() + " does not exist");
                    }
                }
                case "--calls" -> calls = parseCount(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                case "--reconnects" ->
                    reconnects = parseCount(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                case "--keepalive" -> keepalive = Duration.ofMillis(parseNumber(name,
                        inlineValue != null ? inlineValue : valueAfter(args, i++, name), MIN_KEEPALIVE_MS, MAX_KEEPALIVE_MS));
                case "--time-cap" -> timeCap = Duration.ofSeconds(parseNumber(name,
                        inlineValue != null ? inlineValue : valueAfter(args, i++, name), 1, MAX_TIME_CAP_S));
                case "--progress" ->
                    progress = parseCount(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                case "--scenario" -> {
                    scenario = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (!SCENARIOS.contains(scenario)) {
                        throw new UsageException("option --scenario is one of " + String.join(", ", SCENARIOS)
                                + ", not '" + scenario + "'");
                    }
                }
                case "--client" -> {
                    client = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    if (!CLIENTS.contains(client)) {
                        throw new UsageException("option --client is one of " + String.join(", ", CLIENTS) + ", not '"
                                + client + "'");
                    }
                }
                case ExitWithoutClose.CHILD_OPTION -> gatewayProcess = true;
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (serversFile != null && !SCENARIOS_FOR_ANY_SERVER.contains(scenario)) {
            throw new UsageException("option --servers-file is for the scenarios " + String.join(" and ",
                    SCENARIOS_FOR_ANY_SERVER) + "; " + scenario + " acts on the server-everything processes it starts");
        }
        if (serversFile != null && serversDir != null) {
            throw new UsageException("options --servers and --servers-file exclude each other: --servers locates the"
                    + " embedded server-everything, --servers-file replaces it");
        }
        if (chart != null && !SCENARIOS_WITH_CHART.contains(scenario)) {
            throw new UsageException("option --chart is for the scenarios " + String.join(" and ", SCENARIOS_WITH_CHART)
                    + ", not " + scenario);
        }
        if (!keepalive.equals(DEFAULT_KEEPALIVE) && !PLANNED_RECONNECTS.equals(scenario)) {
            throw new UsageException("option --keepalive is for the scenario " + PLANNED_RECONNECTS + ", not " + scenario);
        }
        if ((timeCap != null || progress > 0) && !SCENARIOS_WITH_CHART.contains(scenario)) {
            throw new UsageException("options --time-cap and --progress are for the scenarios "
                    + String.join(" and ", SCENARIOS_WITH_CHART) + ", not " + scenario);
        }
        if (LANGCHAIN4J.equals(client) && (!BASIC.equals(scenario) || serversFile != null)) {
            throw new UsageException("option --client langchain4j runs the scenario " + BASIC
                    + " on the embedded server-everything only");
        }
        return new DemoOptions(serversDir, serversFile, calls, scenario, reconnects, chart, keepalive, timeCap, progress,
                gatewayProcess, client, false);
    }

    private static String valueAfter(List<String> args, int index, String name) throws UsageException {
        if (index + 1 >= args.size()) {
            throw new UsageException("option " + name + " needs a value");
        }
        return args.get(index + 1);
    }

    private static int parseCount(String name, String value) throws UsageException {
        return parseNumber(name, value, 1, MAX_CALLS);
    }

    private static int parseNumber(String name, String value, int min, int max) throws UsageException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException("option " + name + " needs a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    /**
     * How long the loops of this run may take: the --time-cap asked for, else an allowance per reconnect on top of
     * the time each session is served ({@code sessionTime}), so that the cap follows the count.
     */
    Duration timeCapFor(Duration sessionTime) {
        return timeCap != null ? timeCap : Loops.timeCap(reconnects, sessionTime);
    }
}
