package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A stdio server killed while a request of a {@code DefaultMcpClient} waits for its answer (a ping the server holds
 * for a minute): reports how long after the kill the request failed ({@code pendingFailedMs}, -1 if it had not
 * within twice its timeout) and how ({@code pending}). Arguments: {@code <node> <slow-ping-server.mjs> <timeout ms>}.
 */
public final class ServerDiesMidRequest {

    private ServerDiesMidRequest() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        long timeoutMs = Long.parseLong(args[2]);
        StdioMcpTransport transport = new StdioMcpTransport.Builder()
                .command(List.of(args[0], args[1]))
                .environment(Map.of("MCP_GUARD_PING_DELAY_MS", "60000"))
                .build();
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(transport)
                .autoHealthCheck(false)
                .pingTimeout(Duration.ofMillis(timeoutMs))
                .build();
        try {
            CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> {
                try {
                    client.checkHealth();
                    return "answered";
                } catch (RuntimeException e) {
                    return e + (e.getCause() == null ? "" : " caused by " + e.getCause());
                }
            });
            InFlight.await(client, "ping");
            transport.getProcess().destroyForcibly();
            long killed = System.nanoTime();
            String outcome;
            try {
                outcome = ping.get(2 * timeoutMs, TimeUnit.MILLISECONDS);
                report.accept("pendingFailedMs", Long.toString((System.nanoTime() - killed) / 1_000_000));
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                outcome = "still waiting";
                report.accept("pendingFailedMs", "-1");
            }
            report.accept("pending", outcome);
        } finally {
            client.close();
        }
    }
}
