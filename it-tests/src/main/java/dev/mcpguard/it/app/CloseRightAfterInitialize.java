package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;

/**
 * Race 1b: {@code initialize()} then {@code close()} at once, on fresh clients, several rounds in one JVM. Right
 * after initialization server-everything sends tools/list_changed; the SDK's answer can land after the close and
 * re-initialize the closed client. Arguments: {@code <stdio|streamable|sse> <target> <rounds>}.
 * Reports {@code rounds}. Every child the JVM ever has is noted in {@code children}, so the test can count the
 * servers started against the rounds.
 */
public final class CloseRightAfterInitialize extends ScenarioApp {

    public static void main(String[] args) {
        new CloseRightAfterInitialize().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        Scenarios.watchChildren(report);
        int rounds = Integer.parseInt(args[2]);
        for (int round = 1; round <= rounds; round++) {
            McpSyncClient client = Clients.sync(args[0], args[1]);
            client.initialize();
            client.close();
        }
        report.put("rounds", rounds);
    }
}
