package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.WeakIdentityMap;
import java.util.function.Function;

/** The reconnect budget of each session, made when it is first asked for; it goes when its session goes. */
public final class Budgets {

    private final Function<String, ReconnectBudget> make;
    private final WeakIdentityMap<ReconnectBudget> bySession = new WeakIdentityMap<>();

    /** @param make makes the budget of a session, given the name of its server */
    public Budgets(Function<String, ReconnectBudget> make) {
        this.make = make;
    }

    public ReconnectBudget of(GuardedSession session) {
        ReconnectBudget budget = bySession.get(session);
        return budget != null ? budget : bySession.putIfAbsent(session, make.apply(session.server()));
    }
}
