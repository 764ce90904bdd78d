package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpAsyncClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reactive code that closes an async client and goes on, on a Reactor {@code parallel} thread:
 * {@code client.closeGracefully().then(next)}, where {@code next} is typically a reconnect. Arguments:
 * {@code stdio <target>}. Reports {@code thenThread}, {@code thenMs} (from the subscription to {@code next}) and
 * {@code serversAliveAtThen}: the server processes still alive when {@code next} ran.
 */
public final class CloseThenOnReactorThread extends ScenarioApp {

    public static void main(String[] args) {
        new CloseThenOnReactorThread().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        CountDownLatch listed = new CountDownLatch(1);
        McpAsyncClient client = Clients.async(args[0], args[1])
                .toolsChangeConsumer(tools -> Mono.fromRunnable(listed::countDown))
                .build();
        client.initialize().block(Clients.TIMEOUT);
        // Quiet first, so the SDK's own tools/list cannot re-initialize the client after its close (race 1b).
        if (!listed.await(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no tools/list_changed from server-everything");
        }
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();

        AtomicReference<String> thread = new AtomicReference<>();
        long start = System.nanoTime();
        Long alive = Mono.delay(Duration.ZERO, Schedulers.parallel())
                .flatMap(tick -> client.closeGracefully().then(Mono.fromCallable(() -> {
                    thread.set(Thread.currentThread().getName());
                    return Scenarios.countAlive(servers);
                })))
                .block(Duration.ofSeconds(30));
        report.put("thenMs", Scenarios.millisSince(start));
        report.put("thenThread", thread.get());
        report.put("serversAliveAtThen", String.valueOf(alive));
    }
}
