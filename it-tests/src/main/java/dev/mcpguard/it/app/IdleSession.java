package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;

/**
 * A session that stays idle between two calls, as an agent's tool session does between conversations. Arguments:
 * {@code <streamable|sse> <url> <idle seconds>}. Reports {@code first} and {@code second}: {@code ok} or the
 * failure.
 */
public final class IdleSession extends ScenarioApp {


    public static void main(String[] args) {
        new IdleSession().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        McpSyncClient client = Clients.sync(args[0], args[1]);
        try {
            client.initialize();
            report.put("first", call(client));
            // The idle time is what the scenario is about, not a wait for something to happen.
            Thread.sleep(Duration.ofSeconds(Long.parseLong(args[2])).toMillis());
            report.put("second", call(client));
        } finally {
            client.closeGracefully();
        }
    }

    private static String call(McpSyncClient client) {
        try {
            client.callTool(Clients.ECHO);
            return "ok";
        } catch (RuntimeException e) {
            return Scenarios.describe(e);
        }
    }
}
