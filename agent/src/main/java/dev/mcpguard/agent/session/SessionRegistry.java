package dev.mcpguard.agent.session;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions the agent has seen open, found without a lock by their client object or by another object of the
 * same session (a library's initializer, its transport). Keys are held weakly, and nothing a value holds leads back
 * to them: a session the application dropped without closing must not be kept alive by the agent. Nothing here
 * logs what a transport carries (a server's environment, HTTP headers): only its type.
 */
public final class SessionRegistry {

    private final WeakIdentityMap<GuardedSession> byClient = new WeakIdentityMap<>();
    private final WeakIdentityMap<GuardedSession> byPart = new WeakIdentityMap<>();

    /**
     * A session opened, or (with {@code adopted}) one the agent learns of only now, at its first close: it opened
     * before the agent was attached. Two threads adopting the same client at once get the same session.
     *
     * @param parts other objects of the session by which the library's hooks will ask for it
     */
    public GuardedSession open(Object client, List<Object> parts, ClientHandle handle, String transportType,
            String server, Teardown teardown, boolean adopted) {
        GuardedSession fresh = new GuardedSession(handle, transportType, server, teardown, adopted);
        GuardedSession session = byClient.putIfAbsent(client, fresh);
        if (session != fresh) {
            return session;
        }
        for (Object part : parts) {
            if (part != null) {
                byPart.put(part, session);
            }
        }
        if (adopted) {
            GuardCounters.increment(GuardCounters.SESSIONS_ADOPTED);
            GuardLog.debug(session + " opened before mcp-guard was attached; guarded from now on");
        } else {
            GuardLog.debug(session + " opened");
        }
        return session;
    }

    public GuardedSession byClient(Object client) {
        return byClient.get(client);
    }

    /** The session of a client, or of one of the other objects it was opened with. */
    public GuardedSession find(Object clientOrPart) {
        GuardedSession session = byClient.get(clientOrPart);
        return session != null ? session : byPart.get(clientOrPart);
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
     * framework's own shutdown hook calling the library's non-blocking {@code close()}, may still be taking the
     * server down when the JVM is about to halt).
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
        GuardCounters.increment(GuardCounters.SESSIONS_CLOSED);
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
