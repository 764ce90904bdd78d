package dev.mcpguard.agent.session;

import java.lang.ref.WeakReference;

/**
 * The moment a session's close was asked for: what decides whether an error of a host's reconnect attempt can be
 * an artifact of that close.
 */
public final class TeardownBegan {

    private final long nanos;
    private final boolean wasReady;
    /** Weak: a record must not keep a finished thread alive. */
    private final WeakReference<Thread> requester;

    TeardownBegan(long nanos, boolean wasReady, Thread requester) {
        this.nanos = nanos;
        this.wasReady = wasReady;
        this.requester = new WeakReference<>(requester);
    }

    public long nanos() {
        return nanos;
    }

    /** Whether the session had completed initialization when its close was asked for. */
    public boolean wasReady() {
        return wasReady;
    }

    /** Whether {@code thread} is the one that asked for the close. */
    public boolean requestedBy(Thread thread) {
        return requester.get() == thread;
    }
}
