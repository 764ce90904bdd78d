package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * One session whose close blocks the thread it runs on for good, beside healthy sessions: the host's error handler
 * of a call in flight waits for a latch nobody counts down, and the SDK's close runs that handler synchronously
 * when it fails the pending call. Under the agent every session here is pinned to one owner
 * ({@code owner-threads=1}). Arguments: {@code stdio <target> streamable <url> <healthy sessions>}.
 * Reports {@code blockedClosed}, {@code blockedMs}, {@code blockedServerAlive} (the blocked session's server after
 * its close), {@code healthyClosed} (how many returned true) and {@code healthyMaxMs} (the slowest of them, each
 * timed from its own request, all requested right after the blocked one's).
 */
public final class BlockedOwner extends ScenarioApp {

    private static final CallToolRequest LONG_CALL = new CallToolRequest("trigger-long-running-operation",
            Map.of("duration", 30, "steps", 30));

    public static void main(String[] args) {
        new BlockedOwner().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        McpAsyncClient blocked = Clients.async(args[0], args[1]).build();
        blocked.initialize().block(Clients.TIMEOUT);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();
        CompletableFuture<Void> inFlight = new CompletableFuture<>();
        blocked.callTool(LONG_CALL)
                .doOnSubscribe(s -> inFlight.complete(null))
                .onErrorResume(error -> {
                    // The host's handler, run by whoever fails the call: here it blocks for good.
                    awaitQuietly(never);
                    return Mono.empty();
                })
                .subscribe();
        inFlight.get(10, TimeUnit.SECONDS);

        int healthyCount = Integer.parseInt(args[4]);
        List<McpSyncClient> healthy = new ArrayList<>();
        for (int i = 0; i < healthyCount; i++) {
            McpSyncClient client = Clients.sync(args[2], args[3]);
            client.initialize();
            healthy.add(client);
        }

        ExecutorService closers = Executors.newFixedThreadPool(healthyCount + 1);
        try {
            AtomicReference<Long> blockedMs = new AtomicReference<>();
            long start = System.nanoTime();
            Future<Boolean> blockedClose = closers.submit(() -> {
                Boolean closed = blocked.closeGracefully().then(Mono.just(true))
                        .onErrorResume(e -> Mono.just(false)).block(java.time.Duration.ofSeconds(60));
                blockedMs.set(Scenarios.millisSince(start));
                return closed;
            });
            List<Future<Long>> healthyCloses = new ArrayList<>();
            for (McpSyncClient client : healthy) {
                healthyCloses.add(closers.submit(() -> {
                    long own = System.nanoTime();
                    return client.closeGracefully() ? Scenarios.millisSince(own) : -1L;
                }));
            }
            int closedTrue = 0;
            long slowest = 0;
            for (Future<Long> close : healthyCloses) {
                long ms = close.get(60, TimeUnit.SECONDS);
                if (ms >= 0) {
                    closedTrue++;
                    slowest = Math.max(slowest, ms);
                }
            }
            report.put("healthyClosed", closedTrue);
            report.put("healthyMaxMs", slowest);
            report.put("blockedClosed", String.valueOf(blockedClose.get(60, TimeUnit.SECONDS)));
            report.put("blockedMs", blockedMs.get());
            report.put("blockedServerAlive", Scenarios.countAlive(servers));
        } finally {
            closers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
