package dev.mcpguard.demo;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small MCP gateway, written as an application would be with the plain Java MCP SDK: it connects
 * to server-everything over stdio and over Streamable HTTP, calls its echo tool from a pool of worker
 * threads, closes everything and reports what it sees left behind.
 */
public final class DemoGateway {

    private static final Logger log = LoggerFactory.getLogger(DemoGateway.class);

    private static final int WORKER_THREADS = 3;
    private static final String HTTP_ENDPOINT = "/mcp";
    private static final Duration CALLS_DEADLINE = Duration.ofSeconds(60);
    private static final Duration WORKERS_STOP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration LEAK_GRACE = Duration.ofSeconds(5);

    private final DemoOptions options;
    private final ServerInstall install;
    private final PrintStream out;

    private DemoGateway(DemoOptions options, ServerInstall install, PrintStream out) {
        this.options = options;
        this.install = install;
        this.out = out;
    }

    public static void main(String[] args) {
        // Exit explicitly: the exit code carries the result, and a leaked non-daemon thread must not
        // keep the demo hanging after it has been reported.
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        DemoOptions options;
        ServerInstall install;
        try {
            options = DemoOptions.parse(args);
            if (options.help()) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            install = ServerInstall.locate(options.serversDir());
        } catch (DemoOptions.UsageException e) {
            err.println("mcp-guard-demo: " + e.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        return new DemoGateway(options, install, out).run();
    }

    static String version() {
        String version = DemoGateway.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private int run() {
        if (options.scenario().equals(DemoOptions.PLANNED_RECONNECTS)) {
            return runPlannedReconnects();
        }
        log.info("mcp-guard-demo {}: servers from {}, {} echo calls per server", version(), install.dir(), options.calls());
        List<ServerReport> reports = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, new WorkerThreads());
        boolean completed = false;
        try {
            reports.add(report(serveStdio(workers)));
            reports.add(report(serveStreamableHttp(workers)));
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted before every server was served");
        } finally {
            stopWorkers(workers);
        }
        LeakReport leaks = LeakReport.afterGrace(LEAK_GRACE);
        return printSummary(reports, completed, leaks);
    }

    private ServerReport serveStdio(ExecutorService workers) throws InterruptedException {
        return serve(McpServerConnection.stdio("stdio", "node", install.stdioArgs()), workers);
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

    /** One server's session: initialize, list the tools, call echo from the workers, and always close. */
    private ServerReport serve(McpServerConnection connection, ExecutorService workers) throws InterruptedException {
        String detail = "not connected";
        EchoCalls.Outcome calls = new EchoCalls.Outcome(0, options.calls(), null);
        String problem = null;
        try {
            McpSchema.InitializeResult init = connection.connect();
            List<McpSchema.Tool> tools = connection.listTools();
            detail = init.serverInfo().name() + " " + init.serverInfo().version() + " (protocol "
                    + init.protocolVersion() + "), " + tools.size() + " tools";
            if (tools.stream().anyMatch(tool -> "echo".equals(tool.name()))) {
                calls = EchoCalls.run(connection, workers, options.calls(), CALLS_DEADLINE);
                problem = calls.firstError();
            } else {
                problem = "the server has no echo tool";
            }
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

    private static void stopWorkers(ExecutorService workers) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(WORKERS_STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
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
     * Every server runs its reconnect loop at once, while keepalives close their sessions for planned reconnects
     * with long calls in flight; shows which servers the loops give up although none of them ever failed.
     */
    private int runPlannedReconnects() {
        log.info("mcp-guard-demo {}: planned-reconnects, {} per server, keepalive every {} ms, budget {} failures",
                version(), options.reconnects(), ReconnectLoop.KEEPALIVE.toMillis(), ReconnectLoop.BUDGET);
        ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gateway-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        List<ReconnectLoop> loops = new ArrayList<>();
        try (ServerProcess http = ServerProcess.start("streamable-http", install.streamableHttpCommand())) {
            loops.add(new ReconnectLoop(McpServerConnection.stdio("stdio", "node", install.stdioArgs()),
                    options.reconnects(), keepalive, out));
            loops.add(new ReconnectLoop(McpServerConnection.streamableHttp("streamable-http",
                    "http://127.0.0.1:" + http.port(), HTTP_ENDPOINT), options.reconnects(), keepalive, out));
            List<Thread> threads = new ArrayList<>();
            for (ReconnectLoop loop : loops) {
                Thread thread = new Thread(loop, "gateway-loop-" + loop.name());
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (IOException e) {
            out.println("could not start the HTTP server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            keepalive.shutdownNow();
        }
        LeakReport leaks = LeakReport.afterGrace(LEAK_GRACE);
        out.println();
        out.println("Summary (planned-reconnects, budget " + ReconnectLoop.BUDGET + " failures per server)");
        long lost = loops.stream().filter(ReconnectLoop::givenUp).count();
        for (ReconnectLoop loop : loops) {
            out.printf("  %-16s planned reconnects %2d, failures counted %d, %s%n", loop.name(),
                    loop.plannedReconnects(), loop.failures(), loop.givenUp() ? "GIVEN UP" : "kept");
        }
        out.printf("  servers lost     %d of %d%n", lost, loops.size());
        out.printf("  leaks            child processes %d, non-daemon threads %d%n",
                leaks.processes().size(), leaks.threads().size());
        leaks.describe().forEach(line -> out.println("    " + line));
        return lost == 0 && leaks.isEmpty() ? 0 : 1;
    }

    /** The SDK wraps the useful part (connection refused, no such program) a few causes down. */
    static String describe(Throwable e) {
        Throwable root = e;
        for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? top : top + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Named, non-daemon threads, as an application's own request workers usually are. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, "gateway-worker-" + count.incrementAndGet());
        }
    }
}
