package dev.mcpguard.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What SDK client code calls, through advice, when a session opens and when its close begins. Types are plain
 * {@code Object}: this class is shared by every class loader and can know no SDK type. The agent installs the
 * {@link Listener} that decides what to do; until then the calls only count.
 */
public final class SessionHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        void opened(Object client, Object transport, Object initializer);

        void closing(Object client);
    }

    private static final AtomicLong OPENED = new AtomicLong();
    private static final AtomicLong CLOSED = new AtomicLong();
    private static volatile Listener listener;

    private SessionHooks() {
    }

    public static void opened(Object client, Object transport, Object initializer) {
        OPENED.incrementAndGet();
        Listener l = listener;
        if (l != null) {
            l.opened(client, transport, initializer);
        }
    }

    public static void closing(Object client) {
        Listener l = listener;
        if (l != null) {
            l.closing(client);
        }
    }

    /** Called by the agent once per session whose close began. */
    public static void countClosed() {
        CLOSED.incrementAndGet();
    }

    public static long opened() {
        return OPENED.get();
    }

    public static long closed() {
        return CLOSED.get();
    }

    public static void listen(Listener l) {
        listener = l;
    }
}
