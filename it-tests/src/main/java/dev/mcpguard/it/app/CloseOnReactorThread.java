package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * R1: a sync client's {@code closeGracefully()} called on a Reactor non-blocking thread (parallel-N).
 * Arguments: {@code <stdio|streamable|sse> <target>}.
 * Reports {@code closed} (what closeGracefully returned there), {@code closeThread}, {@code closeMs};
 * then {@code settled}/{@code settledMs}: a second closeGracefully() from main, which waits for the close to be
 * done, with the time from the first call; for stdio {@code serverGoneMs}, when the server had exited (-1: never).
 */
public final class CloseOnReactorThread extends ScenarioApp {

    public static void main(String[] args) {
        new CloseOnReactorThread().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();

        AtomicReference<String> thread = new AtomicReference<>();
        long start = System.nanoTime();
        Boolean closed = Mono.fromCallable(() -> {
            thread.set(Thread.currentThread().getName());
            return client.closeGracefully();
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
        report.put("closeMs", Scenarios.millisSince(start));
        report.put("closed", String.valueOf(closed));
        report.put("closeThread", thread.get());

        report.put("settled", client.closeGracefully());
        report.put("settledMs", Scenarios.millisSince(start));
        if (!servers.isEmpty()) {
            boolean gone = Scenarios.awaitGone(servers, Duration.ofSeconds(10));
            report.put("serverGoneMs", gone ? Scenarios.millisSince(start) : -1);
        }
    }
}
