package dev.mcpguard.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server's reconnect loop, the way gateways write it: a budget of {@link #BUDGET} failures; each attempt
 * ({@link #runSession()}) opens a session and serves long calls until the keepalive closes it for a planned
 * reconnect. The loop gives the server up when the budget is spent.
 */
final class ReconnectLoop implements Runnable {

    static final int BUDGET = 5;
    static final Duration KEEPALIVE = Duration.ofSeconds(1);

    private final McpServerConnection template;
    private final int plannedTarget;
    private final ScheduledExecutorService keepalive;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger planned = new AtomicInteger();
    private int failures;
    private String lastFailure;

    ReconnectLoop(McpServerConnection template, int plannedTarget, ScheduledExecutorService keepalive,
            PrintStream out) {
        this.template = template;
        this.plannedTarget = plannedTarget;
        this.keepalive = keepalive;
        this.out = out;
    }

    @Override
    public void run() {
        status("connecting");
        while (failures < BUDGET && planned.get() < plannedTarget) {
            try {
                runSession();
            } catch (RuntimeException e) {
                failures++;
                lastFailure = DemoGateway.describe(e);
                status("reconnecting " + failures + "/" + BUDGET + " after: " + lastFailure);
            }
        }
        status(givenUp() ? "given up after " + failures + " failures" : "done: " + planned.get() + " planned reconnects");
    }

    /** One reconnect attempt: connect, then serve until the keepalive closes the session. */
    void runSession() {
        if (planned.get() >= plannedTarget) {
            return; // the gateway is shutting down
        }
        McpServerConnection connection = template.fresh();
        AtomicBoolean closedByKeepalive = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        try {
            connection.connect();
            timer = keepalive.schedule(() -> {
                closedByKeepalive.set(true);
                planned.incrementAndGet();
                connection.close();
            }, KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
            while (!closedByKeepalive.get()) {
                connection.longCall();
            }
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            connection.close();
        }
    }

    String name() {
        return template.name();
    }

    int plannedReconnects() {
        return planned.get();
    }

    int failures() {
        return failures;
    }

    boolean givenUp() {
        return failures >= BUDGET;
    }

    private void status(String state) {
        out.printf("[%5.1fs] %-16s %s%n", (System.nanoTime() - startedNanos) / 1e9, template.name(), state);
    }
}
