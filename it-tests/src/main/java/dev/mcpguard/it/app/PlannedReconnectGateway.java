package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The original bug, as a host writes it: a reconnect loop with a budget of 5 failures around a loop body that
 * opens a session and serves long tool calls, while a keepalive timer closes the session every second for a
 * planned reconnect. The close lands on a call in flight, the call fails with "MCP session with server
 * terminated", and the loop counts a failure although the server is fine. The gateway stops after
 * {@code <planned>} planned reconnects. Arguments: {@code <transport> <target> <planned>}.
 * Reports {@code plannedReconnects}, {@code failures}, {@code attempts} (loop-body runs), {@code gaveUp}.
 */
public final class PlannedReconnectGateway extends ScenarioApp {

    static final int BUDGET = 5;
    static final Duration KEEPALIVE = Duration.ofMillis(1000);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final CallToolRequest LONG_CALL = new CallToolRequest("trigger-long-running-operation",
            Map.of("duration", 3, "steps", 3));

    private final AtomicInteger plannedReconnects = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private int target;

    public static void main(String[] args) {
        new PlannedReconnectGateway().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        target = Integer.parseInt(args[2]);
        ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "keepalive");
            thread.setDaemon(true);
            return thread;
        });
        int failures = 0;
        String lastFailure = "";
        try {
            while (failures < BUDGET && plannedReconnects.get() < target) {
                try {
                    runSession(args[0], args[1], keepalive);
                } catch (RuntimeException e) {
                    failures++;
                    lastFailure = e.toString();
                }
            }
        } finally {
            keepalive.shutdownNow();
        }
        report.put("plannedReconnects", plannedReconnects.get());
        report.put("failures", failures);
        report.put("attempts", attempts.get());
        report.put("gaveUp", failures >= BUDGET);
        report.put("lastFailure", lastFailure);
    }

    /** One reconnect attempt: connect, then serve until the keepalive closes the session. */
    public void runSession(String transport, String target, ScheduledExecutorService keepalive) {
        if (plannedReconnects.get() >= this.target) {
            return; // the gateway is shutting down
        }
        attempts.incrementAndGet();
        CountDownLatch listed = new CountDownLatch(1);
        McpSyncClient client = McpClient.sync(Transports.create(transport, target))
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT)
                .toolsChangeConsumer(tools -> listed.countDown())
                .build();
        AtomicBoolean planned = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        try {
            client.initialize();
            if (transport.equals("stdio")) {
                // Quiet first: on SDK <= 2.0.x the SDK's own tools/list (its answer to server-everything's
                // tools/list_changed) races the first call in the stdio transport's outbound sink, and one fails
                // "Failed to enqueue message", a real failure this scenario is not about. Over HTTP each message is
                // a POST of its own, and the announcement, which comes on the event stream, is missed when that
                // stream opens late.
                Clients.awaitQuiet(client, listed, transport, target);
            }
            timer = keepalive.schedule(() -> {
                planned.set(true);
                plannedReconnects.incrementAndGet();
                client.closeGracefully();
            }, KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
            while (!planned.get()) {
                client.callTool(LONG_CALL);
            }
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            client.close();
        }
    }
}
