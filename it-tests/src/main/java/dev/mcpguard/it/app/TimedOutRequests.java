package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.Map;
import reactor.core.Disposable;

/**
 * A server that stopped answering, as a hung peer does: server-everything's 30 s operation, called with a 1 s
 * request timeout, {@code <count>} times, then once more and cancelled by the caller. The same timeout applies to
 * the initialization, which is tried again, with a new client, while the server is still starting. java-sdk #1133: the SDK keeps
 * each such request's pending entry for the session's life. Arguments: {@code <kind> <target> <count>}. Reports
 * {@code timedOut} (calls that failed with a timeout), {@code pendingBefore} (entries once the last call went out
 * and before it was cancelled) and {@code pendingAfter} (entries after that cancel).
 */
public final class TimedOutRequests extends ScenarioApp {

    private static final CallToolRequest HUNG_CALL = new CallToolRequest("trigger-long-running-operation",
            Map.of("duration", 30, "steps", 30));

    private static final int INITIALIZE_ATTEMPTS = 20;

    public static void main(String[] args) {
        new TimedOutRequests().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        int count = Integer.parseInt(args[2]);
        McpAsyncClient client = initialized(args);
        try {
            int timedOut = 0;
            for (int i = 0; i < count; i++) {
                try {
                    client.callTool(HUNG_CALL).block(Clients.TIMEOUT);
                } catch (RuntimeException e) {
                    if (Scenarios.describe(e).contains("Timeout")) {
                        timedOut++;
                    }
                }
            }
            report.put("timedOut", timedOut);
            Disposable cancelled = client.callTool(HUNG_CALL).subscribe(result -> { }, error -> { });
            Scenarios.await(() -> SessionInternals.pendingResponses(client) > 0, Clients.TIMEOUT);
            report.put("pendingBefore", SessionInternals.pendingResponses(client));
            cancelled.dispose();
            report.put("pendingAfter", SessionInternals.pendingResponses(client));
        } finally {
            client.closeGracefully().block(Clients.TIMEOUT);
        }
    }

    /**
     * A client whose initialization succeeded, a new one for each attempt: the plain SDK's stdio transport cannot
     * connect a second time (its inbound sink takes one subscriber), so a client whose first initialization timed out
     * while its server was starting on a busy machine would fail every later one at once.
     */
    private static McpAsyncClient initialized(String[] args) {
        for (int attempt = 1; ; attempt++) {
            McpAsyncClient client = McpClient.async(Transports.create(args[0], args[1]))
                    .requestTimeout(Duration.ofSeconds(1))
                    .initializationTimeout(Clients.TIMEOUT)
                    .build();
            try {
                client.initialize().block(Clients.TIMEOUT);
                return client;
            } catch (RuntimeException stillStarting) {
                client.closeGracefully().onErrorComplete().block(Clients.TIMEOUT);
                if (attempt == INITIALIZE_ATTEMPTS) {
                    throw stillStarting;
                }
            }
        }
    }
}
