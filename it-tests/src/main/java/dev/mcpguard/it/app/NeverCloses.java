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
        McpSyncClient client = Clients.sync(args[0], args[1]);
        client.initialize();
        report.noteChildren();
        client.callTool(Clients.ECHO);
        report.put("echo", "ok");
    }
}
