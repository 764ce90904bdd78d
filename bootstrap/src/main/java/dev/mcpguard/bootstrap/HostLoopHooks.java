package dev.mcpguard.bootstrap;

/**
 * What a host's declared reconnect attempt ({@code mcp.guard.reconnect.methods}) calls, through advice, when it
 * ends by throwing. The agent's {@link Listener} says whether the attempt failed only because a healthy session
 * was torn down; then the advice runs the attempt again instead of letting the throwable reach the host's counter.
 */
public final class HostLoopHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        /** True: the throwable is a teardown artifact, the attempt is run again (after a short backoff). */
        boolean retry(String method, Throwable thrown, long attemptStartedNanos);

        void succeeded(String method);
    }

    private static final Listening<Listener> LISTENER = new Listening<>();

    private HostLoopHooks() {
    }

    public static long attemptStarted() {
        return System.nanoTime();
    }

    /** Returns true when the advice must run the attempt again; {@code thrown} null means it returned normally. */
    public static boolean retry(String method, Throwable thrown, long attemptStartedNanos) {
        Listener l = LISTENER.get();
        if (l == null) {
            return false;
        }
        if (thrown == null) {
            l.succeeded(method);
            return false;
        }
        return l.retry(method, thrown, attemptStartedNanos);
    }

    public static void listen(Listener l) {
        LISTENER.listen(l);
    }
}
