package dev.mcpguard.bootstrap;

import java.util.concurrent.Callable;

/**
 * Marks the thread on which the agent runs a library's own close of one client: that close's advice takes nothing
 * over, so the agent's close reaches the library's body without coming back to the agent. Shared by every
 * library's hooks.
 */
public final class PassThrough {

    private static final ThreadLocal<Object> PASSING_THROUGH = new ThreadLocal<>();

    private PassThrough() {
    }

    /** Runs {@code call}, the library's own close of {@code client}, on this thread, past the advice. */
    public static <T> T run(Object client, Callable<T> call) throws Exception {
        PASSING_THROUGH.set(client);
        try {
            return call.call();
        } finally {
            PASSING_THROUGH.remove();
        }
    }

    /** Whether this thread is running the library's own close of {@code client} for the agent. */
    public static boolean passing(Object client) {
        return PASSING_THROUGH.get() == client;
    }
}
