package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * R4: the stdio server dies while a long call is in flight. Reports how long the pending call and the next call
 * took to fail ({@code pendingFailedMs}, {@code nextFailedMs}) and what they failed with.
 * Arguments: {@code stdio <index.js>}.
 */
public final class ServerDiesOnItsOwn extends ScenarioApp {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

    public static void main(String[] args) {
        new ServerDiesOnItsOwn().launch(args);
    }

    /**
     * SDK lines before 2.1 reject a send that races another one ("Failed to enqueue message", java-sdk #875);
     * the ping is simply sent again, a bounded number of times.
     */
    private static void pingAlongside(McpSyncClient client) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.ping();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("Failed to enqueue message")) {
                    throw e;
                }
            }
        }
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        McpSyncClient client = McpClient.sync(Transports.create(args[0], args[1]))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            client.initialize();
            report.noteChildren();
            Future<?> longCall = caller.submit(() -> client.callTool(new CallToolRequest(
                    "trigger-long-running-operation", Map.of("duration", 6, "steps", 6))));
            // The call is pending once the server has been asked; a ping round trip after submitting proves it.
            pingAlongside(client);
            long killedAt = System.nanoTime();
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
            try {
                longCall.get();
                report.put("pending", "succeeded");
            } catch (ExecutionException e) {
                report.put("pendingFailedMs", (System.nanoTime() - killedAt) / 1_000_000);
                report.put("pending", String.valueOf(e.getCause()));
            }
            long next = System.nanoTime();
            try {
                client.ping();
                report.put("next", "succeeded");
            } catch (RuntimeException e) {
                report.put("nextFailedMs", (System.nanoTime() - next) / 1_000_000);
                report.put("next", e.toString());
            }
        } finally {
            caller.shutdownNow();
            client.close();
        }
    }
}
