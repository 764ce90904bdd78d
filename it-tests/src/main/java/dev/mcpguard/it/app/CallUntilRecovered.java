package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;

/**
 * A connected host: it initializes one client, then calls a tool every 100 ms; when its server goes away each call
 * fails (Streamable HTTP keeps the session initialized, so each is a new connection), and it keeps calling until a
 * call succeeds again. Arguments: {@code <url> <seconds>}. Reports {@code calls}, {@code failures},
 * {@code recovered}, {@code lastFailure}.
 */
public final class CallUntilRecovered extends ScenarioApp {

    public static void main(String[] args) {
        new CallUntilRecovered().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        McpSyncClient client = Clients.streamable(args[0], Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        int calls = 0;
        int failures = 0;
        boolean recovered = false;
        String lastFailure = "";
        try {
            client.initialize();
            while (!recovered && System.nanoTime() < deadline) {
                calls++;
                try {
                    boolean answered = !Boolean.TRUE.equals(client.callTool(Clients.ECHO).isError());
                    recovered = answered && failures > 0;
                } catch (RuntimeException e) {
                    failures++;
                    lastFailure = Clients.failure(e);
                }
                Thread.sleep(100);
            }
        } finally {
            client.closeGracefully();
        }
        report.put("calls", calls);
        report.put("failures", failures);
        report.put("recovered", recovered);
        report.put("lastFailure", lastFailure);
    }
}
