package dev.mcpguard.demo;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small MCP gateway, written as an application would be with the plain Java MCP SDK: it connects
 * to server-everything over stdio and over Streamable HTTP (or to the servers of a servers file), calls
 * tools from a pool of worker threads, closes everything and reports what it sees left behind.
 */
public final class DemoGateway {

    private static final Logger log = LoggerFactory.getLogger(DemoGateway.class);

    private static final int WORKER_THREADS = 3;
    private static final String HTTP_ENDPOINT = "/mcp";
    private static final Duration CALLS_DEADLINE = Duration.ofSeconds(60);
    static final Duration LEAK_GRACE = Duration.ofSeconds(5);
    /** Longer texts are cut here: a status or summary line should stay on one screen line or two. */
    private static final int DESCRIBE_MAX = 160;

    private final DemoOptions options;
    /** The embedded servers' install; null when the servers come from a servers file. */
    private final ServerInstall install;
    /** The servers of the servers file; empty for the embedded ones. */
    private final List<McpServerConnection> configured;
    private final PrintStream out;

    private DemoGateway(DemoOptions options, ServerInstall install, List<McpServerConnection> configured,
            PrintStream out) {
        this.options = options;
        this.install = install;
        this.configured = configured;
        this.out = out;
    }

    /** What {@link #run} returns for exit-without-close's gateway process, whose main must simply return. */
    static final int RETURN_FROM_MAIN = -1;

    public static void main(String[] args) {
        int exitCode = run(Arrays.asList(args), System.out, System.err);
        if (exitCode != RETURN_FROM_MAIN) {
            // Exit explicitly: the exit code carries the result, and a leaked non-daemon thread must not
            // keep the demo hanging after it has been reported.
            System.exit(exitCode);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        DemoOptions options;
        ServerInstall install = null;
        List<McpServerConnection> configured = List.of();
        try {
            options = DemoOptions.parse(args);
            if (options.help()) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            if (options.serversFile() != null) {
                configured = ServersFile.read(options.serversFile());
            } else {
                install = ServerInstall.locate(options.serversDir());
            }
        } catch (DemoOptions.UsageException e) {
            err.println("mcp-guard-demo: " + e.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        return new DemoGateway(options, install, configured, out).run();
    }

    static String version() {
        String version = DemoGateway.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private int run() {
        switch (options.scenario()) {
            case DemoOptions.PLANNED_RECONNECTS:
                return PlannedReconnects.run(options, install, configured, out);
            case DemoOptions.FROZEN_SERVER:
                return FrozenServer.run(install, out);
            case DemoOptions.SERVER_KILLED:
                return ServerKilled.run(install, out);
            case DemoOptions.REACTOR_CLOSE:
                return ReactorClose.run(options, install, out);
            case DemoOptions.EXIT_WITHOUT_CLOSE:
                if (options.gatewayProcess()) {
                    ExitWithoutClose.gateway(install, out);
                    return RETURN_FROM_MAIN;
                }
                return ExitWithoutClose.run(install, out);
            case DemoOptions.SERVER_RESTARTED:
                return ServerRestarted.run(install, out);
            default:
                return DemoOptions.LANGCHAIN4J.equals(options.client())
                        ? LangChain4jConversations.run(options, install, out) : runBasic();
        }
    }

    /** basic: one session per server, calls from the workers, close, and what was left behind. */
    private int runBasic() {
        log.info("mcp-guard-demo {}: servers from {}, {} calls per server", version(),
                install != null ? install.dir() : options.serversFile(), options.calls());
        List<ServerReport> reports = new ArrayList<>();
        ExecutorService workers = Loops.workers(WORKER_THREADS);
        boolean completed = false;
        try {
            if (install != null) {
                reports.add(report(serveStdio(workers)));
                reports.add(report(serveStreamableHttp(workers)));
            } else {
                for (McpServerConnection server : configured) {
                    reports.add(report(serve(server, workers)));
                }
            }
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted before every server was served");
        } finally {
            Loops.stopWorkers(workers);
        }
        LeakReport leaks = LeakReport.afterGrace(LEAK_GRACE);
        return printSummary(reports, completed, leaks);
    }

    private ServerReport serveStdio(ExecutorService workers) throws InterruptedException {
        return serve(stdio(install), workers);
    }

    /** server-everything over stdio, started by the SDK. */
    static McpServerConnection stdio(ServerInstall install) {
        return McpServerConnection.stdio("stdio", "node", install.stdioArgs());
    }

    /** server-everything over Streamable HTTP, at the server the gateway started. */
    static McpServerConnection streamableHttp(ServerProcess server) {
        return McpServerConnection.streamableHttp("streamable-http", "http://127.0.0.1:" + server.port(), HTTP_ENDPOINT);
    }

    /** Starts the HTTP server for the duration of the session and stops it afterwards. */
    private ServerReport serveStreamableHttp(ExecutorService workers) throws InterruptedException {
        String name = "streamable-http";
        try (ServerProcess server = ServerProcess.start(name, install.streamableHttpCommand())) {
            log.info("{}: server-everything listening on 127.0.0.1:{} (pid {})", name, server.port(), server.pid());
            String baseUrl = "http://127.0.0.1:" + server.port();
            return serve(McpServerConnection.streamableHttp(name, baseUrl, HTTP_ENDPOINT), workers);
        } catch (IOException e) {
            return ServerReport.notStarted(name, options.calls(), e.getMessage());
        }
    }

    /**
     * One server's session: initialize, list the tools, call echo from the workers (a server without an echo tool
     * gets pings), and always close.
     */
    private ServerReport serve(McpServerConnection connection, ExecutorService workers) throws InterruptedException {
        String detail = "not connected";
        WorkerCalls.Outcome calls = new WorkerCalls.Outcome(0, options.calls(), null);
        String problem = null;
        try {
            McpSchema.InitializeResult init = connection.connect();
            List<McpSchema.Tool> tools = connection.tools();
            detail = init.serverInfo().name() + " " + init.serverInfo().version() + " (protocol "
                    + init.protocolVersion() + "), " + tools.size() + " tools";
            boolean echo = tools.stream().anyMatch(tool -> "echo".equals(tool.name()));
            calls = WorkerCalls.run(connection, echo, workers, options.calls(), CALLS_DEADLINE);
            problem = calls.firstError();
        } catch (RuntimeException e) {
            problem = describe(e);
        } finally {
            String closeProblem = close(connection);
            if (problem == null) {
                problem = closeProblem;
            }
        }
        return new ServerReport(connection.name(), detail, calls.ok(), calls.failed(), problem);
    }

    /** Returns what went wrong while closing, or null. */
    private static String close(McpServerConnection connection) {
        try {
            return connection.close() ? null : "did not close within the SDK's timeout";
        } catch (RuntimeException e) {
            return "close failed: " + describe(e);
        }
    }

    private ServerReport report(ServerReport report) {
        out.println(report.statusLine());
        return report;
    }

    private int printSummary(List<ServerReport> reports, boolean completed, LeakReport leaks) {
        out.println();
        out.println("Summary");
        for (ServerReport report : reports) {
            out.printf("  %-16s calls ok %d, failed %d%n", report.name(), report.callsOk(), report.callsFailed());
        }
        out.printf("  leaks            child processes %d, non-daemon threads %d%n",
                leaks.processes().size(), leaks.threads().size());
        leaks.describe().forEach(line -> out.println("    " + line));
        boolean allOk = completed && reports.stream().allMatch(ServerReport::ok) && leaks.isEmpty();
        int exitCode = allOk ? 0 : 1;
        out.println("  result           " + (allOk ? "OK" : "FAILED") + " (exit code " + exitCode + ")");
        return exitCode;
    }

    /**
     * The SDK wraps the useful part (connection refused, a timeout, no such program) a few causes down. The root
     * cause alone when the wrapper only repeats it (Reactor's ReactiveException), else both.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + ": " + e.getMessage();
        String rootText = root.getClass().getSimpleName() + ": " + root.getMessage();
        String text;
        if (root == e) {
            text = top;
        } else if (String.valueOf(e.getMessage()).contains(root.getClass().getName())) {
            text = rootText;
        } else {
            text = top + " (caused by " + rootText + ")";
        }
        return text.length() <= DESCRIBE_MAX ? text : text.substring(0, DESCRIBE_MAX - 3) + "...";
    }
}
