package dev.mcpguard.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * planned-reconnects: every server runs its reconnect loop at once, while keepalives close their sessions for
 * planned reconnects with long calls in flight; shows which servers the loops give up although none of them ever
 * failed.
 */
final class PlannedReconnects {

    private static final Logger log = LoggerFactory.getLogger(PlannedReconnects.class);

    private PlannedReconnects() {
    }

    /** Runs on the embedded servers of {@code install}, or on {@code configured} servers when there are any. */
    static int run(DemoOptions options, ServerInstall install, List<McpServerConnection> configured, PrintStream out) {
        Duration timeCap = options.timeCapFor(options.keepalive());
        log.info("mcp-guard-demo {}: planned-reconnects, {} per server, keepalive every {} ms, budget {} failures,"
                + " time cap {} s", DemoGateway.version(), options.reconnects(), options.keepalive().toMillis(),
                ReconnectLoop.BUDGET, timeCap.toSeconds());
        long start = System.nanoTime();
        ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(Loops.daemon("gateway-keepalive"));
        List<ReconnectLoop> loops = new ArrayList<>();
        // A null resource is skipped at the end: there is no HTTP server of our own to stop.
        try (ServerProcess http = configured.isEmpty()
                ? ServerProcess.startFor("streamable-http", install.streamableHttpCommand(), timeCap) : null) {
            List<McpServerConnection> servers = configured.isEmpty()
                    ? List.of(DemoGateway.stdio(install), DemoGateway.streamableHttp(http)) : configured;
            for (McpServerConnection server : servers) {
                loops.add(new ReconnectLoop(server, options.reconnects(), keepaliveWork(keepalive, options.keepalive()),
                        new ServerStatus(server.name(), start, out, options.progress())));
            }
            Loops.runAll(loops, timeCap, out);
        } catch (IOException e) {
            out.println("could not start the HTTP server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            keepalive.shutdownNow();
        }
        ReconnectChart.writeIfAsked(options, start, loops, out);
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        Summary summary = Summary.ofLoops(out, "planned-reconnects");
        for (ReconnectLoop loop : loops) {
            summary.line(loop.name(), loop.summary(String.format("planned reconnects %2d", loop.plannedReconnects())));
        }
        summary.serversLost(loops).leaks(leaks);
        boolean lost = loops.stream().anyMatch(ReconnectLoop::givenUp);
        boolean capped = loops.stream().anyMatch(ReconnectLoop::stoppedAtTimeCap);
        return !lost && !capped && leaks.isEmpty() ? 0 : 1;
    }

    /**
     * Keeps a call in flight until the keepalive closes the session for a planned reconnect: server-everything's
     * long-running operation, or for a server without it one ping after another.
     */
    private static ReconnectLoop.Work keepaliveWork(ScheduledExecutorService keepalive, Duration interval) {
        return (connection, loop) -> {
            boolean longCalls = connection.tools().stream()
                    .anyMatch(tool -> McpServerConnection.LONG_CALL.equals(tool.name()));
            AtomicBoolean closedByKeepalive = new AtomicBoolean();
            ScheduledFuture<?> timer = keepalive.schedule(() -> {
                closedByKeepalive.set(true);
                loop.plannedReconnect();
                connection.close();
            }, interval.toMillis(), TimeUnit.MILLISECONDS);
            try {
                while (!closedByKeepalive.get()) {
                    if (longCalls) {
                        connection.longCall();
                    } else {
                        connection.ping();
                    }
                }
            } finally {
                timer.cancel(false);
            }
        };
    }
}
