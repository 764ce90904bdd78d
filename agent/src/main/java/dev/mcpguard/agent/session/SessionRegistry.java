package dev.mcpguard.agent.session;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.reflect.Fields;
import dev.mcpguard.agent.termination.Teardown;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The sessions the agent has seen open, found without a lock by their client, their {@code LifecycleInitializer} or
 * their transport. Keys are held weakly, and nothing a value holds leads back to them: a session the application dropped
 * without closing must not be kept alive by the agent. Nothing here logs what a transport carries (a server's
 * environment, HTTP headers): only its type.
 */
public final class SessionRegistry {

    private final OwnerPool owners;
    private final Function<String, ReconnectBudget> budgets;
    private final WeakIdentityMap<GuardedSession> byClient = new WeakIdentityMap<>();
    private final WeakIdentityMap<GuardedSession> byInitializer = new WeakIdentityMap<>();
    private final WeakIdentityMap<GuardedSession> byTransport = new WeakIdentityMap<>();
    /** @param budgets makes the reconnect budget of a session, given the name of its server */
    public SessionRegistry(OwnerPool owners, Function<String, ReconnectBudget> budgets) {
        this.owners = owners;
        this.budgets = budgets;
    }

    public GuardedSession opened(Object client, Object transport, Object initializer) {
        GuardedSession session = new GuardedSession(client, transport, initializer, owners.assign(),
                Teardown.of(transport), budgets.apply(ServerNames.of(transport)), false);
        byClient.put(client, session);
        index(session, transport, initializer);
        GuardLog.debug(session + " opened, owner " + session.owner());
        return session;
    }

    /**
     * A client the agent never saw open: it opened before the agent was attached, so its constructor ran
     * unwoven. It is registered now, from the client's own {@code transport} and {@code initializer} fields, and
     * from here on is guarded like any other. Two threads adopting the same client at once get the same session.
     */
    public GuardedSession adopt(Object client) {
        Object transport = Fields.read(client, "transport");
        Object initializer = Fields.read(client, "initializer");
        GuardedSession fresh = new GuardedSession(client, transport, initializer, owners.assign(),
                Teardown.of(transport), budgets.apply(ServerNames.of(transport)), true);
        GuardedSession session = byClient.putIfAbsent(client, fresh);
        if (session == fresh) {
            index(session, transport, initializer);
            GuardCounters.increment("sessions.adopted");
            GuardLog.debug(session + " opened before mcp-guard was attached; guarded from now on, owner "
                    + session.owner());
        }
        return session;
    }

    private void index(GuardedSession session, Object transport, Object initializer) {
        if (initializer != null) {
            byInitializer.put(initializer, session);
        }
        if (transport != null) {
            byTransport.put(transport, session);
        }
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

    /**
     * Counts a close once, on the thread that asked for it; the session stays findable so that calls on the closed
     * client can be refused.
     */
    public void closing(GuardedSession session) {
        GuardCounters.increment("sessions.closed");
        session.recordTeardown();
        GuardLog.debug(session + " is closing");
    }

    /**
     * The sessions a host's reconnect attempt on {@code thread}, started at {@code startedNanos}, worked with: those
     * the thread opened since, or, when it opened none, the last one it opened before (a client the loop keeps
     * across attempts). By session, not by thread alone: a pool thread that runs several loops one attempt after
     * the other must not lend one loop's teardown to another.
     */
    public List<GuardedSession> sessionsOfAttempt(Thread thread, long startedNanos) {
        List<GuardedSession> during = new ArrayList<>();
        GuardedSession before = null;
        for (GuardedSession session : byClient.values()) {
            if (session.opener() != thread || session.adopted()) {
                continue;
            }
            if (session.openedAtNanos() - startedNanos >= 0) {
                during.add(session);
            } else if (before == null || session.openedAtNanos() - before.openedAtNanos() > 0) {
                before = session;
            }
        }
        return !during.isEmpty() || before == null ? during : List.of(before);
    }
}
