package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Two threads call {@code closeGracefully()} on the same sync client at once (a CyclicBarrier releases them).
 * Arguments: {@code <stdio|streamable|sse> <target>}.
 * Reports {@code closedA}, {@code closedB}, {@code closeMs} (until both returned), {@code serversAliveAfterClose}.
 */
public final class ConcurrentClose extends ScenarioApp {

    public static void main(String[] args) {
        new ConcurrentClose().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();

        CyclicBarrier together = new CyclicBarrier(2);
        FutureTask<Boolean> a = new FutureTask<>(() -> {
            together.await(10, TimeUnit.SECONDS);
            return client.closeGracefully();
        });
        FutureTask<Boolean> b = new FutureTask<>(() -> {
            together.await(10, TimeUnit.SECONDS);
            return client.closeGracefully();
        });
        long start = System.nanoTime();
        new Thread(a, "closer-a").start();
        new Thread(b, "closer-b").start();
        report.put("closedA", a.get(30, TimeUnit.SECONDS));
        report.put("closedB", b.get(30, TimeUnit.SECONDS));
        report.put("closeMs", Scenarios.millisSince(start));
        report.put("serversAliveAfterClose", Scenarios.countAlive(servers));
    }
}
