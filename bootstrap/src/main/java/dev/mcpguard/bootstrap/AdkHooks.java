package dev.mcpguard.bootstrap;

/**
 * What Google ADK for Java's MCP tools ({@code com.google.adk:google-adk}, {@code com.google.adk.tools.mcp}) call,
 * through advice: a toolset closes, its session manager makes a session, a tool replaces its session to retry a
 * call. The sessions themselves are the SDK's, guarded by {@link SessionHooks}; these hooks tie them to the toolset
 * that made them. Types are plain {@code Object}: this class is shared by every class loader and can know no ADK
 * type. Until the agent installs its {@link Listener}, ADK's own code runs unchanged.
 */
public final class AdkHooks {

    /** Implemented by the agent, in its own class loader. */
    public interface Listener {
        /** {@code McpToolset.close()} began: no session is made for it from now on, and those it made are closed. */
        void toolsetClosing(Object toolset);

        /**
         * {@code McpSessionManager.createSession()} or {@code createAsyncSession()} is about to make a session: the
         * exception it throws instead when the manager's toolset is closed, otherwise null.
         */
        RuntimeException refuseSession(Object manager);

        /** The manager made {@code session}. */
        void sessionCreated(Object manager, Object session);

        /** {@code McpTool.reinitializeSession()} is about to replace the tool's session. */
        void replacingSession(Object tool);

        /** {@code McpTool.reinitializeSession()} replaced the tool's session. */
        void sessionReplaced(Object tool);

        /**
         * {@code McpTool.runAsync}'s retry is about to run a failed call again: what the retry throws instead (the
         * call's own error, when the call may have reached the server), or null to let it retry.
         */
        Throwable retryRefused(Throwable error);
    }

    private static final Listening<Listener> LISTENER = new Listening<>();

    private AdkHooks() {
    }

    public static void toolsetClosing(Object toolset) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.toolsetClosing(toolset);
        }
    }

    public static RuntimeException refuseSession(Object manager) {
        Listener l = LISTENER.get();
        return l == null ? null : l.refuseSession(manager);
    }

    public static void sessionCreated(Object manager, Object session) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.sessionCreated(manager, session);
        }
    }

    public static void replacingSession(Object tool) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.replacingSession(tool);
        }
    }

    public static void sessionReplaced(Object tool) {
        Listener l = LISTENER.get();
        if (l != null) {
            l.sessionReplaced(tool);
        }
    }

    public static Throwable retryRefused(Throwable error) {
        Listener l = LISTENER.get();
        return l == null ? null : l.retryRefused(error);
    }

    public static void listen(Listener l) {
        LISTENER.listen(l);
    }
}
