package dev.mcpguard.agent.session;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The sessions the agent has seen open and not yet close. Clients are held weakly: a session the application
 * dropped without closing must not be kept alive by the agent that watches it. Nothing here logs what a transport
 * carries (a server's environment, HTTP headers): only its type.
 */
public final class SessionRegistry implements SessionHooks.Listener {

    /** What is remembered of an open session; never the client or transport themselves. */
    record OpenSession(String transport, long openedAtNanos) {
    }

    private final Map<Object, OpenSession> open = new WeakHashMap<>();

    @Override
    public void opened(Object client, Object transport, Object initializer) {
        String transportType = transport == null ? "no transport" : transport.getClass().getSimpleName();
        synchronized (open) {
            open.put(client, new OpenSession(transportType, System.nanoTime()));
        }
        GuardLog.debug("session " + id(client) + " opened over " + transportType);
    }

    @Override
    public void closing(Object client) {
        OpenSession session;
        synchronized (open) {
            session = open.remove(client);
        }
        if (session != null) {
            SessionHooks.countClosed();
            GuardLog.debug("session " + id(client) + " over " + session.transport() + " is closing");
        }
    }

    public int openSessions() {
        synchronized (open) {
            return open.size();
        }
    }

    private static String id(Object client) {
        return client.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(client));
    }
}
