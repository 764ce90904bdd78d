package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * R2: an async client closes itself, blocking, from its logging consumer, which the SDK runs on the stdio
 * transport's reader thread. server-everything's {@code toggle-simulated-logging} tool sends the first log
 * message at once. Arguments: {@code stdio <index.js>}.
 * Reports {@code consumerOutcome} (ok, or the failure of {@code closeGracefully().block()} there),
 * {@code consumerThread}, {@code consumerMs}; then {@code joined}: a closeGracefully() from main that waits for
 * the close, {@code closedMs} (from the consumer's close to the end of that wait) and {@code serverGoneMs}.
 */
public final class CloseInLoggingConsumer extends ScenarioApp {

    private static final Duration LOG_LIMIT = Duration.ofSeconds(15);

    public static void main(String[] args) {
        new CloseInLoggingConsumer().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        AtomicReference<McpAsyncClient> self = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        AtomicLong closeStart = new AtomicLong();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        CountDownLatch listed = new CountDownLatch(1);

        McpAsyncClient client = Clients.async(args[0], args[1])
                .loggingConsumer(message -> Mono.fromRunnable(() -> {
                    if (!fired.compareAndSet(false, true)) {
                        return;
                    }
                    report.put("consumerThread", Thread.currentThread().getName());
                    long start = System.nanoTime();
                    closeStart.set(start);
                    try {
                        self.get().closeGracefully().block();
                        report.put("consumerMs", Scenarios.millisSince(start));
                        outcome.complete("ok");
                    } catch (Throwable t) {
                        report.put("consumerMs", Scenarios.millisSince(start));
                        outcome.complete(Scenarios.describe(t));
                    }
                }))
                .toolsChangeConsumer(tools -> Mono.fromRunnable(listed::countDown))
                .build();
        self.set(client);
        client.initialize().block();
        // Quiet first (see Clients.initializedAndQuiet): on SDK <= 2.0.x the SDK's own tools/list, its answer to
        // server-everything's tools/list_changed, races the next request and one fails "Failed to enqueue message".
        if (!listed.await(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("server-everything sent no tools/list_changed within " + Clients.TIMEOUT);
        }
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();

        try {
            client.callTool(new CallToolRequest("toggle-simulated-logging", Map.of())).block();
            report.put("toggle", "ok");
        } catch (RuntimeException e) {
            // The consumer may close the session before the tool's answer arrives.
            report.put("toggle", Scenarios.describe(e));
        }
        try {
            report.put("consumerOutcome", outcome.get(LOG_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            report.put("consumerOutcome", "no logging notification within " + LOG_LIMIT);
            client.close();
            return;
        }

        try {
            client.closeGracefully().block(Duration.ofSeconds(15));
            report.put("joined", "ok");
        } catch (RuntimeException e) {
            report.put("joined", Scenarios.describe(e));
        }
        report.put("closedMs", Scenarios.millisSince(closeStart.get()));
        boolean gone = Scenarios.awaitGone(servers, Duration.ofSeconds(10));
        report.put("serverGoneMs", gone ? Scenarios.millisSince(closeStart.get()) : -1);
    }
}
