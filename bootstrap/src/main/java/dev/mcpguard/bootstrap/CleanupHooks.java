package dev.mcpguard.bootstrap;

/**
 * What SDK session code calls, through advice, where the SDK leaves something behind: a request whose answer never
 * came (its caller timed out or cancelled) and a transport session whose close failed before it let go of its
 * connections. Plain {@code Object} types, as in {@link SessionHooks}; until the agent listens, the SDK runs as is.
 */
public final class CleanupHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        /** {@code McpClientSession.generateRequestId()} made {@code id} for the request being sent on this thread. */
        void requestIdMade(Object id);

        /** {@code McpClientSession.sendRequest(...)} returned {@code mono}: the Mono to return instead. */
        Object requestSent(Object session, Object mono);

        /**
         * {@code DefaultMcpTransportSession.closeGracefully()} returned {@code mono} (the Mono to return instead) or
         * threw {@code thrown} (then {@code mono} is null and nothing is returned).
         */
        Object transportSessionClosing(Object transportSession, Object mono, Throwable thrown);
    }

    private static final Listening<Listener> LISTENER = new Listening<>();

    private CleanupHooks() {
    }

    public static void requestIdMade(Object id) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.requestIdMade(id);
        }
    }

    public static Object requestSent(Object session, Object mono) {
        Listener l = LISTENER.get();
        return l == null ? mono : l.requestSent(session, mono);
    }

    public static Object transportSessionClosing(Object transportSession, Object mono, Throwable thrown) {
        Listener l = LISTENER.get();
        return l == null ? mono : l.transportSessionClosing(transportSession, mono, thrown);
    }

    public static void listen(Listener l) {
        LISTENER.listen(l);
    }
}
