package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The original bug on LangChain4j's client, as a host writes it: a reconnect loop with a budget of 5 failures around
 * a loop body ({@link #runSession}) that builds a {@code DefaultMcpClient} over stdio and serves long requests (pings
 * the slow-ping server holds for 2 s), while a keepalive timer closes the client after a second for a planned
 * reconnect, so mid-ping. The close lands on a request in flight, which fails ("Operation cancelled due to transport failure:
 * Process has exited", 1.18), and the loop counts a failure although the server is fine. The gateway stops after
 * {@code <planned>} planned reconnects. Arguments: {@code <node> <slow-ping-server.mjs> <planned>}. Reports
 * {@code plannedReconnects}, {@code failures}, {@code attempts} (loop-body runs), {@code gaveUp}, {@code lastFailure}.
 */
public final class PlannedReconnectGateway {

    static final int BUDGET = 5;
    static final Duration KEEPALIVE = Duration.ofMillis(1000);
    /** Longer than the keepalive: the close always finds a ping in flight. */
    static final Duration PING = Duration.ofMillis(2000);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicInteger plannedReconnects = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final int target;

    private PlannedReconnectGateway(int target) {
        this.target = target;
    }

    public static void run(String[] args, BiConsumer<String, String> report) {
        PlannedReconnectGateway gateway = new PlannedReconnectGateway(Integer.parseInt(args[2]));
        ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "keepalive");
            thread.setDaemon(true);
            return thread;
        });
        int failures = 0;
        String lastFailure = "";
        try {
            while (failures < BUDGET && gateway.plannedReconnects.get() < gateway.target) {
                try {
                    gateway.runSession(args[0], args[1], keepalive);
                } catch (RuntimeException e) {
                    failures++;
                    lastFailure = e.toString();
                }
            }
        } finally {
            keepalive.shutdownNow();
        }
        report.accept("plannedReconnects", Integer.toString(gateway.plannedReconnects.get()));
        report.accept("failures", Integer.toString(failures));
        report.accept("attempts", Integer.toString(gateway.attempts.get()));
        report.accept("gaveUp", Boolean.toString(failures >= BUDGET));
        report.accept("lastFailure", lastFailure);
    }

    /** One reconnect attempt: connect, then serve until the keepalive closes the client. */
    public void runSession(String node, String server, ScheduledExecutorService keepalive) {
        if (plannedReconnects.get() >= target) {
            return; // the gateway is shutting down
        }
        attempts.incrementAndGet();
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(new StdioMcpTransport.Builder().command(List.of(node, server))
                        .environment(Map.of("MCP_GUARD_PING_DELAY_MS", Long.toString(PING.toMillis()))).build())
                .autoHealthCheck(false)
                .initializationTimeout(TIMEOUT)
                .pingTimeout(TIMEOUT)
                .build();
        AtomicBoolean planned = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        try {
            timer = keepalive.schedule(() -> {
                planned.set(true);
                plannedReconnects.incrementAndGet();
                client.close();
            }, KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
            while (!planned.get()) {
                client.checkHealth();
            }
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            client.close();
        }
    }
}
