package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host whose retry loop tries again at once: it calls {@code initialize()} up to {@code attempts} times without a
 * pause, then calls a tool if one succeeded (ADK's toolset and many gateways retry so). Arguments:
 * {@code <url> <attempts>}. Reports {@code attempts} used, {@code recovered}, and {@code failures} (each described).
 */
public final class RetryAtOnce extends ScenarioApp {

    public static void main(String[] args) {
        new RetryAtOnce().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        int allowed = Integer.parseInt(args[1]);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(args[0]).build())
                .initializationTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        List<String> failures = new ArrayList<>();
        boolean recovered = false;
        int attempts = 0;
        try {
            while (!recovered && attempts < allowed) {
                attempts++;
                try {
                    client.initialize();
                    recovered = !Boolean.TRUE.equals(client.callTool(Clients.ECHO).isError());
                } catch (RuntimeException e) {
                    failures.add(Scenarios.describe(e).replace(',', ';'));
                }
            }
        } finally {
            client.closeGracefully();
        }
        report.put("attempts", attempts);
        report.put("recovered", recovered);
        report.put("failures", String.join(",", failures));
    }
}
