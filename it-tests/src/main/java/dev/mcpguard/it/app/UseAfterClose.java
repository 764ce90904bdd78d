package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * R6: a tool call on a client that was closed. Arguments: {@code <stdio|streamable|sse> <target>}.
 * Reports {@code closedServerGone} (stdio: the first server exited after close), {@code callOutcome}
 * ({@code returned} or the failure), {@code callException} (its class), {@code callMs}, and for stdio
 * {@code newChildren}: server processes alive after the call that the closed client started.
 * Every child the JVM ever has is noted, so short-lived ones reach the report's {@code children} too.
 */
public final class UseAfterClose extends ScenarioApp {

    public static void main(String[] args) {
        new UseAfterClose().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        Scenarios.watchChildren(report);
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();
        Set<Long> known = new HashSet<>(servers);

        client.close();
        if (!servers.isEmpty()) {
            report.put("closedServerGone", Scenarios.awaitGone(servers, Duration.ofSeconds(5)));
        }

        long start = System.nanoTime();
        try {
            client.callTool(Clients.ECHO);
            report.put("callOutcome", "returned");
        } catch (RuntimeException e) {
            report.put("callOutcome", Scenarios.describe(e));
            report.put("callException", e.getClass().getName());
        }
        report.put("callMs", Scenarios.millisSince(start));
        report.noteChildren();
        if (!servers.isEmpty()) {
            report.put("newChildren", Scenarios.newChildren(known).size());
        }
    }
}
