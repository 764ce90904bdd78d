package dev.mcpguard.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server's reconnect loop, the way gateways write it: a budget of {@link #BUDGET} failures; each attempt
 * ({@link #runSession()}) opens a session, lets the scenario's {@link Work} serve it and closes it. A session
 * that ends as planned (a keepalive or recycle closed it, its work was done) counts towards the loop's target;
 * one that fails counts against the budget. The loop stops at the target and gives the server up when the budget
 * is spent.
 */
final class ReconnectLoop implements Runnable {

    static final int BUDGET = 5;

    /** A session's end: when ({@link System#nanoTime()}), and whether it counted against the budget. */
    record Ending(long nanos, boolean failure) {
    }

    /** What the gateway does with one connected session of this server. */
    interface Work {
        /**
         * Serves the session until it ends: calls {@link ReconnectLoop#plannedReconnect()} when the gateway ends it
         * on purpose, throws when it failed. The loop closes the connection afterwards in any case.
         */
        void serve(McpServerConnection connection, ReconnectLoop loop);
    }

    private final McpServerConnection template;
    private final int plannedTarget;
    private final Work work;
    private final ServerStatus status;
    private final AtomicInteger planned = new AtomicInteger();
    /** When each session ended, in order: planned reconnects and failures, for the chart. */
    private final List<Ending> endings = new CopyOnWriteArrayList<>();
    private int failures;
    private String lastFailure;

    ReconnectLoop(McpServerConnection template, int plannedTarget, Work work, ServerStatus status) {
        this.template = template;
        this.plannedTarget = plannedTarget;
        this.work = work;
        this.status = status;
    }

    @Override
    public void run() {
        while (failures < BUDGET && planned.get() < plannedTarget) {
            try {
                runSession();
            } catch (RuntimeException e) {
                failures++;
                endings.add(new Ending(System.nanoTime(), true));
                lastFailure = DemoGateway.describe(e);
                if (failures < BUDGET) {
                    status.reconnecting(failures, BUDGET, lastFailure);
                }
            }
        }
        if (givenUp()) {
            status.givenUp(failures, lastFailure);
        } else {
            status.closed("planned reconnects " + planned.get() + ", failures " + failures + "/" + BUDGET);
        }
    }

    /** One reconnect attempt: connect, let the scenario serve the session, close it. */
    void runSession() {
        if (planned.get() >= plannedTarget) {
            return; // the gateway is shutting down
        }
        McpServerConnection connection = template.fresh();
        try {
            connection.connect();
            status.connected();
            work.serve(connection, this);
        } finally {
            connection.close();
        }
    }

    /** The session is being ended on purpose: the loop connects again, or stops once it reached its target. */
    void plannedReconnect() {
        planned.incrementAndGet();
        endings.add(new Ending(System.nanoTime(), false));
    }

    List<Ending> endings() {
        return List.copyOf(endings);
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

    /** The server's line in the summary: what the scenario saw, then what the loop made of it. */
    String summary(String detail) {
        return detail + ", failures counted " + failures + ", " + (givenUp() ? "GIVEN UP" : "kept");
    }
}
