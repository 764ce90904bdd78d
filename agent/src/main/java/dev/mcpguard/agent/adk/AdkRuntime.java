package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.bootstrap.AdkHooks;
import dev.mcpguard.bootstrap.GuardCounters;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Ties ADK's sessions to the toolset that made them: per {@code McpSessionManager} (one per toolset), whether its
 * toolset is closed and which sessions it made. A session is the SDK's client and is closed through its own
 * {@code close()}, which the agent's SDK instrumentation hands to the core (its owner, its bound, its process tree);
 * an SDK the agent does not guard still gets its plain close. It also decides whether a tool's retry may run a
 * failed call again. Everything ADK does not reach here for (a toolset the agent did not see make a session) runs
 * as ADK wrote it.
 */
public final class AdkRuntime implements AdkHooks.Listener {

    /** Part of the refusal, so that a user reading the failed tool call learns why. */
    static final String REFUSAL = "The MCP toolset is closed; no new MCP session is made for it. "
            + ClosedGuard.CLOSED_CLIENT_STAYS_CLOSED;

    private final WeakIdentityMap<Manager> managers = new WeakIdentityMap<>();
    /** Sessions a tool made for itself in a retry: nobody else uses them, so the tool's next retry may close them. */
    private final WeakIdentityMap<Boolean> toolOwned = new WeakIdentityMap<>();
    /** Set while a tool's {@code reinitializeSession()} runs: the session the manager makes then is that tool's. */
    private final ThreadLocal<Boolean> replacing = new ThreadLocal<>();

    /** One session manager's toolset: closed or not, and the sessions made so far. */
    private static final class Manager {
        private volatile boolean closed;
        private final List<WeakReference<Object>> sessions = new ArrayList<>();

        synchronized void add(Object session) {
            sessions.removeIf(ref -> ref.get() == null);
            sessions.add(new WeakReference<>(session));
        }

        synchronized List<Object> takeAll() {
            List<Object> all = new ArrayList<>();
            sessions.forEach(ref -> {
                Object session = ref.get();
                if (session != null) {
                    all.add(session);
                }
            });
            sessions.clear();
            return all;
        }
    }

    @Override
    public void toolsetClosing(Object toolset) {
        Object managerObject = Adk.TOOLSET_SESSION_MANAGER.read(toolset);
        if (managerObject == null) {
            return;
        }
        Manager manager = manager(managerObject);
        manager.closed = true;
        List<Object> sessions = manager.takeAll();
        GuardLog.debug("MCP toolset closing: closing the " + sessions.size() + " session(s) it made");
        sessions.forEach(AdkRuntime::close);
    }

    /**
     * A closed toolset makes no session for the tools it handed out: their retries would start servers nobody
     * closes. The toolset itself may open again, as ADK's own close allows: its {@code getTools()} after the close
     * makes a new session, which its next close closes.
     */
    @Override
    public RuntimeException refuseSession(Object managerObject) {
        Manager manager = managers.get(managerObject);
        if (manager == null || !manager.closed) {
            return null;
        }
        if (StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .anyMatch(type -> type.equals(Adk.TOOLSET) || type.equals(Adk.ASYNC_TOOLSET)))) {
            manager.closed = false;
            GuardLog.debug("MCP toolset opened again by its getTools() after its close");
            return null;
        }
        GuardCounters.increment(GuardCounters.RESURRECTIONS_REFUSED);
        GuardLog.debug("refused a new MCP session for a closed toolset");
        return new IllegalStateException(REFUSAL);
    }

    @Override
    public void sessionCreated(Object managerObject, Object session) {
        if (session == null) {
            return;
        }
        if (replacing.get() != null) {
            toolOwned.put(session, Boolean.TRUE);
        }
        Manager manager = manager(managerObject);
        manager.add(session);
        // Made while the toolset's close ran, after it took the sessions to close: closed here instead.
        if (manager.closed) {
            manager.takeAll().forEach(AdkRuntime::close);
        }
    }

    @Override
    public void replacingSession(Object tool) {
        Object superseded = Adk.TOOL_SESSION.read(tool);
        if (superseded != null && toolOwned.get(superseded) != null) {
            GuardLog.debug("MCP tool retry: closing the session it replaces");
            close(superseded);
        }
        replacing.set(Boolean.TRUE);
    }

    @Override
    public void sessionReplaced(Object tool) {
        replacing.remove();
    }

    /**
     * ADK retries any failed call on a new session. A call that may have reached the server is not run again (it
     * may have run, and a real failure would only be repeated): its error goes to the caller.
     */
    @Override
    public Throwable retryRefused(Throwable error) {
        if (error == null) {
            return null;
        }
        Verdict verdict = UnsentCalls.classify(error);
        if (verdict.artifact()) {
            GuardLog.debug("MCP tool call never reached the server (" + verdict.reason() + "); ADK retries it");
            return null;
        }
        GuardCounters.increment(GuardCounters.TOOL_RETRIES_REFUSED);
        GuardLog.debug("MCP tool call failed after it may have reached the server (" + verdict.reason()
                + "); not run again");
        return error;
    }

    private Manager manager(Object managerObject) {
        return managers.putIfAbsent(managerObject, new Manager());
    }

    /** The SDK's sync client is AutoCloseable, its async client only has a public {@code close()}. */
    private static void close(Object session) {
        try {
            if (session instanceof AutoCloseable) {
                ((AutoCloseable) session).close();
            } else {
                session.getClass().getMethod("close").invoke(session);
            }
        } catch (Exception e) {
            GuardLog.debug("closing an MCP session of a toolset failed", e);
        }
    }
}
