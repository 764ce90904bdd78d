package dev.mcpguard.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * reactor-close: the gateway recycles its sessions from reactive code: a {@code Mono.delay} timer, whose callback
 * runs on a Reactor non-blocking thread ({@code parallel-N}), closes the session for a planned reconnect. A close
 * that reports failure is counted against the server, as it would be for any server that does not close cleanly.
 */
final class ReactorClose {

    private static final Logger log = LoggerFactory.getLogger(ReactorClose.class);

    static final Duration RECYCLE_AFTER = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** One server's closes: how many the timer made and how many reported failure. */
    private static final class Recycler implements ReconnectLoop.Work {
        private final AtomicInteger closes = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private volatile String thread = "?";

        @Override
        public void serve(McpServerConnection connection, ReconnectLoop loop) {
            connection.echo("before the recycle");
            CompletableFuture<Boolean> closed = new CompletableFuture<>();
            Mono.delay(RECYCLE_AFTER)
                    .map(tick -> {
                        // parallel-1, parallel-2, ...: one name for the summary
                        thread = Thread.currentThread().getName().replaceAll("\\d+$", "N");
                        loop.plannedReconnect();
                        return connection.close();
                    })
                    .subscribe(closed::complete, closed::completeExceptionally);
            boolean clean;
            try {
                clean = closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the recycle failed: " + DemoGateway.describe(e.getCause()), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the recycle did not happen within " + CLOSE_WAIT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the recycle", e);
            }
            closes.incrementAndGet();
            if (!clean) {
                failed.incrementAndGet();
                throw new IllegalStateException("the session did not close cleanly (closeGracefully returned false on "
                        + thread + ")");
            }
        }
    }

    private ReactorClose() {
    }

    static int run(DemoOptions options, ServerInstall install, PrintStream out) {
        Duration timeCap = options.timeCapFor(RECYCLE_AFTER);
        log.info("mcp-guard-demo {}: reactor-close, {} per server, recycled by Mono.delay every {} ms, budget {} failures,"
                + " time cap {} s", DemoGateway.version(), options.reconnects(), RECYCLE_AFTER.toMillis(),
                ReconnectLoop.BUDGET, timeCap.toSeconds());
        long start = System.nanoTime();
        List<ReconnectLoop> loops = new ArrayList<>();
        List<Recycler> recyclers = new ArrayList<>();
        try (ServerProcess http = ServerProcess.startFor("streamable-http", install.streamableHttpCommand(), timeCap)) {
            for (McpServerConnection server : List.of(DemoGateway.stdio(install), DemoGateway.streamableHttp(http))) {
                Recycler recycler = new Recycler();
                recyclers.add(recycler);
                loops.add(new ReconnectLoop(server, options.reconnects(), recycler,
                        new ServerStatus(server.name(), start, out, options.progress())));
            }
            Loops.runAll(loops, timeCap, out);
        } catch (IOException e) {
            out.println("could not start the HTTP server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        ReconnectChart.writeIfAsked(options, start, loops, out);
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        Summary summary = Summary.ofLoops(out, "reactor-close");
        for (int i = 0; i < loops.size(); i++) {
            ReconnectLoop loop = loops.get(i);
            Recycler recycler = recyclers.get(i);
            summary.line(loop.name(), loop.summary(String.format(
                    "planned reconnects %2d, closes on %s reported failed %d of %d",
                    loop.plannedReconnects(), recycler.thread, recycler.failed.get(), recycler.closes.get())));
        }
        summary.serversLost(loops).leaks(leaks);
        return 0;
    }
}
