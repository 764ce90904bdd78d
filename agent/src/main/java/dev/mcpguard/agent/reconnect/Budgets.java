package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.WeakIdentityMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The reconnect budget of each server, made when it is first asked for. Sessions to the same server (by the key their
 * library gives, see {@code ClientHandle.serverKey}) share it: a gateway that builds a new client after each failure
 * is held to the same pace as one that keeps its client. A session whose server has no key is budgeted alone, and
 * its budget goes when the session goes.
 */
public final class Budgets {

    private final Function<String, ReconnectBudget> make;
    private final WeakIdentityMap<ReconnectBudget> bySession = new WeakIdentityMap<>();
    /** Few keys (one per server an application talks to), kept for the JVM's life like the servers' circuits. */
    private final Map<String, ReconnectBudget> byServer = new ConcurrentHashMap<>();

    /** @param make makes the budget of a session, given the name of its server */
    public Budgets(Function<String, ReconnectBudget> make) {
        this.make = make;
    }

    public ReconnectBudget of(GuardedSession session) {
        ReconnectBudget budget = bySession.get(session);
        if (budget != null) {
            return budget;
        }
        String key = session.client().serverKey();
        budget = key == null ? make.apply(session.server())
                : byServer.computeIfAbsent(key, k -> make.apply(session.server()));
        return bySession.putIfAbsent(session, budget);
    }
}
