package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;

/**
 * R9: the app uses a client and returns from main without ever closing it.
 * Arguments: {@code <stdio|streamable|sse> <target>}. Reports {@code echo}. Its children are still alive when
 * main returns; {@code liveChildren} lists them, and only the JVM's exit may end them.
 */
public final class NeverCloses extends ScenarioApp {

    public static void main(String[] args) {
        new NeverCloses().launch(args);
    }

    @Override
    protected boolean childrenEndBeforeExit() {
        return false;
    }

    @Override
    protected void run(String[] args, Report report) {
        // Quiet first: on SDK <= 2.0.x the SDK's own tools/list can make the echo fail "Failed to enqueue message".
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        client.callTool(Clients.ECHO);
        report.put("echo", "ok");
    }
}
