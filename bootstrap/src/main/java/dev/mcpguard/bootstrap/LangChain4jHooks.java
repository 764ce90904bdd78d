package dev.mcpguard.bootstrap;

/**
 * What LangChain4j's own MCP client ({@code dev.langchain4j:langchain4j-mcp}) calls, through advice, at the points
 * of a session's life: it opened, it is asked to close, it is about to connect again, its stdio transport started a
 * server process. Types are plain {@code Object}: this class is shared by every class loader and can know no
 * LangChain4j type. Until the agent installs its {@link Listener}, and whenever it answers "no decision" (false),
 * LangChain4j's own code runs unchanged.
 */
public final class LangChain4jHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        /** A {@code DefaultMcpClient} was built: it initialized its transport. */
        void opened(Object client, Object transport);

        /** {@code DefaultMcpClient.close()}: true when the agent took the close over and the body is skipped. */
        boolean close(Object client);

        /**
         * {@code DefaultMcpClient.initialize()} or {@code triggerReconnection()}: true when the client is closed and
         * must not connect again (the body is skipped), false to proceed.
         */
        boolean refuseReopen(Object client, String action);

        /** {@code StdioMcpTransport.start(...)} started {@code process}. */
        void stdioStarted(Object transport, Object process);

        /**
         * {@code DefaultMcpClient.triggerReconnection()}: true when the session's reconnect budget refuses an attempt
         * now (the body is skipped; the next health check or failure asks again), false to let it start.
         */
        boolean reconnectionRefused(Object client);

        /**
         * {@code DefaultMcpClient.initialize()}, run by the client's constructor: the error the reconnect budget of
         * its server refuses the attempt with now (the body is skipped and the call throws it), or null to let it go.
         */
        RuntimeException initializationRefusal(Object client);

        /** {@code DefaultMcpClient.initialize()} ended, by throwing {@code thrown} or (null) normally. */
        void initialized(Object client, Throwable thrown);

        /** {@code DefaultMcpClient.initialize()} ended: its transport runs the server it started (stdio: a process). */
        void serverStarted(Object client);
    }

    private static final Listening<Listener> LISTENER = new Listening<>();

    private LangChain4jHooks() {
    }

    public static void opened(Object client, Object transport) {
        GuardCounters.increment(GuardCounters.SESSIONS_OPENED);
        Listener l = LISTENER.get();
        if (l != null) {
            l.opened(client, transport);
        }
    }

    public static boolean close(Object client) {
        Listener l = LISTENER.get();
        return l != null && !PassThrough.passing(client) && l.close(client);
    }

    public static boolean refuseReopen(Object client, String action) {
        Listener l = LISTENER.get();
        return l != null && l.refuseReopen(client, action);
    }

    public static void stdioStarted(Object transport, Object process) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.stdioStarted(transport, process);
        }
    }

    public static boolean reconnectionRefused(Object client) {
        Listener l = LISTENER.get();
        return l != null && l.reconnectionRefused(client);
    }

    public static RuntimeException initializationRefusal(Object client) {
        Listener l = LISTENER.get();
        return l == null ? null : l.initializationRefusal(client);
    }

    public static void serverStarted(Object client) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.serverStarted(client);
        }
    }

    public static void initialized(Object client, Throwable thrown) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.initialized(client, thrown);
        }
    }

    public static void listen(Listener l) {
        LISTENER.listen(l);
    }
}
