package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;

/**
 * A host that keeps calling {@code initialize()} on one client, every 100 ms, until the server answers (the SDK
 * starts a new initialization, a new connection, for every call after a failed one). Then it calls a tool.
 * Arguments: {@code <url> <seconds> [rebuild]}: with {@code rebuild} the host closes the failed client and builds a
 * new one before each call, as many gateways do. Reports {@code calls}, {@code recovered}, {@code lastFailure}.
 */
public final class InitializeUntilUp extends ScenarioApp {

    public static void main(String[] args) {
        new InitializeUntilUp().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        boolean rebuild = args.length > 2 && args[2].equals("rebuild");
        McpSyncClient client = client(args[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        int calls = 0;
        boolean recovered = false;
        String lastFailure = "";
        try {
            while (!recovered && System.nanoTime() < deadline) {
                calls++;
                try {
                    client.initialize();
                    recovered = !Boolean.TRUE.equals(client.callTool(Clients.ECHO).isError());
                } catch (RuntimeException e) {
                    lastFailure = String.valueOf(e.getCause() != null ? e.getCause() : e);
                    Thread.sleep(100);
                    if (rebuild) {
                        client.closeGracefully();
                        client = client(args[0]);
                    }
                }
            }
        } finally {
            client.closeGracefully();
        }
        report.put("calls", calls);
        report.put("recovered", recovered);
        report.put("lastFailure", lastFailure);
    }

    private static McpSyncClient client(String url) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(url).build())
                .initializationTimeout(Duration.ofSeconds(3))
                .requestTimeout(Duration.ofSeconds(3))
                .build();
    }
}
