package dev.mcpguard.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server's reconnect loop, the way gateways write it: a budget of {@link #BUDGET} failures; each attempt
 * ({@link #runSession()}) opens a session, lets the scenario's {@link Work} serve it and closes it. A session
 * that ends as planned (a keepalive or recycle closed it, its work was done) counts towards the loop's target;
 * one that fails counts against the budget. The loop stops at the target and gives the server up when the budget
 * is spent; at the run's time cap it stops after its session in progress, and that is not a failure.
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
    /** Written by the loop's thread only; volatile for the progress lines printed from the keepalive's. */
    private volatile int failures;
    private String lastFailure;
    /** Set when the run's time cap was reached: the loop ends after its session in progress. */
    private volatile Duration timeCap;
    /** Set just before the loop's thread is interrupted because it did not stop at the cap in time. */
    private volatile boolean interruptedAtTimeCap;

    ReconnectLoop(McpServerConnection template, int plannedTarget, Work work, ServerStatus status) {
        this.template = template;
        this.plannedTarget = plannedTarget;
        this.work = work;
        this.status = status;
    }

    @Override
    public void run() {
        while (timeCap == null && failures < BUDGET && planned.get() < plannedTarget) {
            try {
                runSession();
            } catch (RuntimeException e) {
                if (interruptedAtTimeCap) {
                    break; // the demo's own interrupt, not the server's failure
                }
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
        } else if (stoppedAtTimeCap()) {
            status.closed(timeCapDetail() + ", failures " + failures + "/" + BUDGET);
        } else {
            status.closed("planned reconnects " + planned.get() + ", failures " + failures + "/" + BUDGET);
        }
    }

    /** One reconnect attempt: connect, let the scenario serve the session, close it. */
    void runSession() {
        if (planned.get() >= plannedTarget || timeCap != null) {
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
        int done = planned.incrementAndGet();
        endings.add(new Ending(System.nanoTime(), false));
        status.plannedReconnect(done, failures);
    }

    /** The run's time cap is reached: end after the session in progress. */
    void stopAtTimeCap(Duration cap) {
        timeCap = cap;
    }

    /** The loop's thread is about to be interrupted by the demo: what that interrupt breaks is not counted. */
    void interruptedAtTimeCap() {
        interruptedAtTimeCap = true;
    }

    /** The loop ended at the run's time cap before its target, without giving the server up. */
    boolean stoppedAtTimeCap() {
        return timeCap != null && !givenUp() && planned.get() < plannedTarget;
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
        return detail + ", failures counted " + failures + ", "
                + (givenUp() ? "GIVEN UP" : stoppedAtTimeCap() ? "kept; " + timeCapDetail() : "kept");
    }

    private String timeCapDetail() {
        return "stopped at the time cap (" + timeCap.toSeconds() + " s) after " + planned.get() + " of " + plannedTarget
                + " planned reconnects";
    }
}
