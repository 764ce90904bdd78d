package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Closes two Streamable HTTP clients (one sync, one async) after their server was frozen (SIGSTOP: the DELETE
 * hangs) or killed (SIGKILL: the DELETE fails at once). Arguments: {@code streamable <url> <server pid> <stop|kill>}.
 * Reports {@code syncClosed} (what closeGracefully returned) and {@code syncMs}, and {@code asyncOutcome}
 * ({@code completed}, {@code failed: ...}, or {@code pending} when the Mono had not ended after 12 s) and
 * {@code asyncMs}. A frozen server is let go on (SIGCONT) at the end, so the test can stop it.
 */
public final class CloseFrozenHttpServer extends ScenarioApp {

    private static final Duration ASYNC_LIMIT = Duration.ofSeconds(12);

    public static void main(String[] args) {
        new CloseFrozenHttpServer().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        McpSyncClient sync = Clients.initializedAndQuiet(args[0], args[1]);
        McpAsyncClient async = Clients.async(args[0], args[1]).build();
        async.initialize().block(Clients.TIMEOUT);
        long server = Long.parseLong(args[2]);
        boolean freeze = args[3].equals("stop");
        Scenarios.signal(server, freeze ? "STOP" : "KILL");
        try {
            long start = System.nanoTime();
            report.put("syncClosed", sync.closeGracefully());
            report.put("syncMs", Scenarios.millisSince(start));

            start = System.nanoTime();
            String outcome = async.closeGracefully()
                    .then(Mono.just("completed"))
                    .onErrorResume(e -> Mono.just("failed: " + Scenarios.describe(e)))
                    .blockOptional(ASYNC_LIMIT)
                    .orElse("completed");
            report.put("asyncOutcome", outcome);
            report.put("asyncMs", Scenarios.millisSince(start));
        } catch (IllegalStateException timeout) {
            report.put("asyncOutcome", "pending");
        } finally {
            if (freeze) {
                Scenarios.signal(server, "CONT");
            }
        }
    }
}
