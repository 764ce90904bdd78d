package dev.mcpguard.agent.session;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.termination.Teardown;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions the agent has seen open, found without a lock by their client, their {@code LifecycleInitializer} or
 * their transport. Keys are held weakly, and nothing a value holds leads back to them: a session the application dropped
 * without closing must not be kept alive by the agent. Nothing here logs what a transport carries (a server's
 * environment, HTTP headers): only its type.
 */
public final class SessionRegistry {

    private final OwnerPool owners;
    private final WeakIdentityMap<GuardedSession> byClient = new WeakIdentityMap<>();
    private final WeakIdentityMap<GuardedSession> byInitializer = new WeakIdentityMap<>();
    private final WeakIdentityMap<GuardedSession> byTransport = new WeakIdentityMap<>();

    public SessionRegistry(OwnerPool owners) {
        this.owners = owners;
    }

    public GuardedSession opened(Object client, Object transport, Object initializer) {
        GuardedSession session = new GuardedSession(client, transport, initializer, owners.assign(),
                Teardown.of(transport));
        byClient.put(client, session);
        if (initializer != null) {
            byInitializer.put(initializer, session);
        }
        if (transport != null) {
            byTransport.put(transport, session);
        }
        GuardLog.debug(session + " opened, owner " + session.owner());
        return session;
    }

    public GuardedSession byClient(Object client) {
        return byClient.get(client);
    }

    public GuardedSession byInitializer(Object initializer) {
        return byInitializer.get(initializer);
    }

    public GuardedSession byTransport(Object transport) {
        return byTransport.get(transport);
    }

    /** Sessions whose close has not begun. */
    public List<GuardedSession> live() {
        List<GuardedSession> live = new ArrayList<>();
        for (GuardedSession session : byClient.values()) {
            if (!session.closeBegan()) {
                live.add(session);
            }
        }
        return live;
    }

    /**
     * Sessions whose close has not finished: still open, or closing (a close another thread began, such as a
     * framework's own shutdown hook calling the SDK's non-blocking {@code close()}, may still be taking the server
     * down when the JVM is about to halt).
     */
    public List<GuardedSession> unfinished() {
        List<GuardedSession> unfinished = new ArrayList<>();
        for (GuardedSession session : byClient.values()) {
            // closed() exists once a close began; before that the session is simply open.
            if (!session.closeBegan() || !session.closed().isDone()) {
                unfinished.add(session);
            }
        }
        return unfinished;
    }

    /** Counts a close once; the session stays findable so that calls on the closed client can be refused. */
    public void closing(GuardedSession session) {
        GuardCounters.increment("sessions.closed");
        GuardLog.debug(session + " is closing");
    }
}
