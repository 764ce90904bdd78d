package dev.mcpguard.bootstrap;

/**
 * What SDK client code calls, through advice, at the points of a session's life: it opens, it is asked to close,
 * it is asked to (re-)initialize. Types are plain {@code Object}: this class is shared by every class loader and
 * can know no SDK type. The agent installs the {@link Listener} that decides; until then, and whenever a call
 * here answers "no decision" (false or null), the SDK's own code runs unchanged.
 */
public final class SessionHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        void opened(Object client, Object transport, Object initializer);

        /** {@code McpAsyncClient.close()}: true when the agent took the close over and the SDK body is skipped. */
        boolean close(Object client);

        /** {@code McpAsyncClient.closeGracefully()}: the Mono to return instead, or null to run the SDK's own. */
        Object closeGracefully(Object client);

        /** {@code McpSyncClient.closeGracefully()}: the result to return instead, or null to run the SDK's own. */
        Boolean closeGracefullyAndWait(Object asyncClient);

        /**
         * {@code LifecycleInitializer.withInitialization(action, ...)}: a failing Mono when the session is closed
         * (so a closed client never re-initializes), or null to proceed.
         */
        Object refuseIfClosed(Object initializer, String action);

        /** A {@code StdioClientTransport} was constructed. */
        void stdioTransportCreated(Object transport);

        /** {@code StdioClientTransport.connect(...)} is about to start a server process. */
        void stdioConnecting(Object transport);

        /** A stdio transport started its server process and is about to read from it. */
        void stdioStarted(Object transport, Object process);

        /**
         * An HTTP transport's builder built {@code transport}, with the {@code HttpClient} it got from
         * {@code clientBuilder}.
         */
        void httpTransportBuilt(Object transport, Object clientBuilder);

        /**
         * The event stream of a legacy HTTP+SSE transport, which carries its whole session, ended: {@code signal}
         * says how (Reactor's {@code SignalType}: an error, the server ending it, a cancel).
         */
        void sseStreamEnded(Object transport, Object signal);

        /**
         * A Streamable HTTP transport is about to read an event stream's {@code body} (a POST's when {@code stream}
         * is null, else a resumed one's): the body to read instead, or {@code body} itself.
         */
        Object eventStreamOpened(Object transport, Object body, Object stream);

        /**
         * A Streamable HTTP transport is about to POST {@code message} ({@code null}: it has subscribed the POST).
         * On this thread, in between, the POST's subscription is registered with {@link #httpConnectionAdded}.
         */
        void httpPostSending(Object transport, Object message);

        /** A transport session registered {@code connection}, the subscription of one POST or GET stream. */
        void httpConnectionAdded(Object connection);

        /**
         * The subscription of one POST ended ({@code signal}: Reactor's {@code SignalType}), after the SDK handled
         * its end; {@code connectionRef} is the {@code AtomicReference} holding it.
         */
        void httpPostEnded(Object connectionRef, Object signal);

        /** The Streamable HTTP transport resumes {@code stream} (a GET with its last event id). */
        void httpStreamResuming(Object transport, Object stream);

        /**
         * {@code LifecycleInitializer.doInitialize(initialization, ...)} with its {@code arguments}: null to let the
         * attempt start now; else the Mono to return instead: one that waits for the reconnect budget's next
         * attempt and then makes it, or a failing one when the budget refuses (the {@code initialization} others may
         * have joined is then failed too).
         */
        Object initializing(Object initializer, Object[] arguments);

        /** The Mono of an initialization attempt that started, to observe; returns what the SDK returns. */
        Object initializationStarted(Object initializer, Object attempt);

        /**
         * {@code McpClientSession.sendRequest(method, ...)}: a failing Mono when the circuit of the session's server
         * is open, or null to let the request go.
         */
        Object requesting(Object clientSession, String method);

        /** The Mono of a request that went, to observe; returns what the SDK returns. */
        Object requestStarted(Object clientSession, String method, Object request);
    }

    private static final Listening<Listener> LISTENER = new Listening<>();

    private SessionHooks() {
    }

    public static void opened(Object client, Object transport, Object initializer) {
        GuardCounters.increment(GuardCounters.SESSIONS_OPENED);
        Listener l = LISTENER.get();
        if (l != null) {
            l.opened(client, transport, initializer);
        }
    }

    public static boolean close(Object client) {
        Listener l = LISTENER.get();
        return l != null && !PassThrough.passing(client) && l.close(client);
    }

    public static Object closeGracefully(Object client) {
        Listener l = LISTENER.get();
        return l == null || PassThrough.passing(client) ? null : l.closeGracefully(client);
    }

    /**
     * Runs {@code call}, the SDK's own close of {@code client}, on this thread: the advice of that close takes
     * nothing over, so the agent's close reaches the SDK's body without coming back to the agent.
     */
    public static <T> T passThrough(Object client, java.util.concurrent.Callable<T> call) throws Exception {
        return PassThrough.run(client, call);
    }

    public static Boolean closeGracefullyAndWait(Object asyncClient) {
        Listener l = LISTENER.get();
        return l == null ? null : l.closeGracefullyAndWait(asyncClient);
    }

    public static Object refuseIfClosed(Object initializer, String action) {
        Listener l = LISTENER.get();
        return l == null ? null : l.refuseIfClosed(initializer, action);
    }

    public static void stdioTransportCreated(Object transport) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.stdioTransportCreated(transport);
        }
    }

    public static void stdioConnecting(Object transport) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.stdioConnecting(transport);
        }
    }

    public static long opened() {
        return GuardCounters.get(GuardCounters.SESSIONS_OPENED);
    }

    public static void stdioStarted(Object transport, Object process) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.stdioStarted(transport, process);
        }
    }

    public static void httpTransportBuilt(Object transport, Object clientBuilder) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.httpTransportBuilt(transport, clientBuilder);
        }
    }

    public static void sseStreamEnded(Object transport, Object signal) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.sseStreamEnded(transport, signal);
        }
    }

    public static Object eventStreamOpened(Object transport, Object body, Object stream) {
        Listener l = LISTENER.get();
        return l == null ? body : l.eventStreamOpened(transport, body, stream);
    }

    public static void httpPostSending(Object transport, Object message) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.httpPostSending(transport, message);
        }
    }

    public static void httpConnectionAdded(Object connection) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.httpConnectionAdded(connection);
        }
    }

    public static void httpPostEnded(Object connectionRef, Object signal) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.httpPostEnded(connectionRef, signal);
        }
    }

    public static void httpStreamResuming(Object transport, Object stream) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.httpStreamResuming(transport, stream);
        }
    }

    public static Object initializing(Object initializer, Object[] arguments) {
        Listener l = LISTENER.get();
        return l == null ? null : l.initializing(initializer, arguments);
    }

    public static Object initializationStarted(Object initializer, Object attempt) {
        Listener l = LISTENER.get();
        return l == null ? attempt : l.initializationStarted(initializer, attempt);
    }

    public static Object requesting(Object clientSession, String method) {
        Listener l = LISTENER.get();
        return l == null ? null : l.requesting(clientSession, method);
    }

    public static Object requestStarted(Object clientSession, String method, Object request) {
        Listener l = LISTENER.get();
        return l == null ? request : l.requestStarted(clientSession, method, request);
    }

    /** Sessions whose close began. */
    public static long closed() {
        return GuardCounters.get(GuardCounters.SESSIONS_CLOSED);
    }

    public static void listen(Listener l) {
        LISTENER.listen(l);
    }
}
