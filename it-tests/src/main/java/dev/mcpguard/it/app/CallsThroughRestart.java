package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;

/**
 * A host that keeps one client and keeps calling it while the test restarts its server on the same port: what a
 * gateway sees when a remote server is redeployed. Arguments: {@code <streamable|sse> <url>}.
 *
 * <p>Prints {@code CALLING} once a call has succeeded (the test may stop the server then), and {@code FAILED} at the
 * first call that fails (the test starts the server again then). Calls every {@link #PAUSE} until three calls in a
 * row succeeded after the failure, or {@link #GIVE_UP} after it. Reports {@code firstFailureAt} and
 * {@code recoveredAt} (epoch milliseconds of the first success after the failure; 0 if none), {@code failedCalls},
 * {@code slowestFailedMs} and {@code lastFailure}.
 */
public final class CallsThroughRestart extends ScenarioApp {

    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Duration GIVE_UP = Duration.ofSeconds(15);
    /** Far above a healthy call, so a call that waits it out shows. */

    public static void main(String[] args) {
        new CallsThroughRestart().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        McpSyncClient client = Clients.sync(args[0], args[1]);
        try {
            client.initialize();
            call(client);
            System.out.println("CALLING");
            long firstFailureAt = 0;
            long recoveredAt = 0;
            long slowestFailedMs = 0;
            int failedCalls = 0;
            int okInARow = 0;
            String lastFailure = "";
            while (okInARow < 3 && (firstFailureAt == 0 || System.currentTimeMillis() - firstFailureAt
                    < GIVE_UP.toMillis())) {
                long begin = System.nanoTime();
                try {
                    call(client);
                    if (firstFailureAt != 0) {
                        okInARow++;
                        recoveredAt = recoveredAt == 0 ? System.currentTimeMillis() : recoveredAt;
                    }
                } catch (RuntimeException e) {
                    okInARow = 0;
                    recoveredAt = 0;
                    failedCalls++;
                    slowestFailedMs = Math.max(slowestFailedMs, Scenarios.millisSince(begin));
                    lastFailure = Scenarios.describe(e);
                    if (firstFailureAt == 0) {
                        firstFailureAt = System.currentTimeMillis();
                        System.out.println("FAILED");
                    }
                }
                Thread.sleep(PAUSE.toMillis());
            }
            report.put("firstFailureAt", firstFailureAt);
            report.put("recoveredAt", recoveredAt);
            report.put("failedCalls", failedCalls);
            report.put("slowestFailedMs", slowestFailedMs);
            report.put("lastFailure", lastFailure);
        } finally {
            client.closeGracefully();
        }
    }

    private static void call(McpSyncClient client) {
        client.callTool(Clients.ECHO);
    }
}
