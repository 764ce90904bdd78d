package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;

/**
 * A thread whose interrupt flag is set calls a sync client's {@code closeGracefully()} (a worker being cancelled
 * cleans up). Arguments: {@code <stdio|streamable|sse> <target>}.
 * Reports {@code closed}, {@code closeMs}, {@code interruptedAfter} (the caller's flag after the call) and
 * {@code serversAliveAfterClose}.
 */
public final class CloseWhileInterrupted extends ScenarioApp {

    public static void main(String[] args) {
        new CloseWhileInterrupted().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();

        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        boolean closed = client.closeGracefully();
        report.put("closeMs", Scenarios.millisSince(start));
        // Reading the flag clears it, so the rest of the app (and the report) runs uninterrupted.
        report.put("interruptedAfter", Thread.interrupted());
        report.put("closed", closed);
        report.put("serversAliveAfterClose", Scenarios.countAlive(servers));
    }
}
