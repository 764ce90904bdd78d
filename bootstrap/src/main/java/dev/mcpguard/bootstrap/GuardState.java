package dev.mcpguard.bootstrap;

import java.util.concurrent.atomic.AtomicReference;

/** The one fact every copy of the agent jar must agree on: whether mcp-guard already started in this JVM. */
public final class GuardState {

    private static final AtomicReference<String> STARTED_BY = new AtomicReference<>();

    private GuardState() {
    }

    /** Claims the start for {@code how} (premain or agentmain); returns who started first, or null if we did. */
    public static String claim(String how) {
        return STARTED_BY.compareAndExchange(null, how);
    }

    /**
     * Gives up a claim whose start installed nothing (an attach whose configuration failed), so that a later attach
     * may start the agent; a start that ran is never given up.
     */
    public static void release(String how) {
        STARTED_BY.compareAndSet(how, null);
    }

    public static String startedBy() {
        return STARTED_BY.get();
    }
}
