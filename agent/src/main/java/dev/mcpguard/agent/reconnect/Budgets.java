package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.WeakIdentityMap;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The reconnect budget of each server, made when it is first asked for. Sessions to the same server (by the key their
 * library gives, see {@code ClientHandle.serverKey}) share it: a gateway that builds a new client after each failure
 * is held to the same pace as one that keeps its client. A session whose server has no key is budgeted alone, and
 * its budget goes when the session goes. A server reached over TCP has a {@link ServerWatch} beside its budget.
 */
public final class Budgets {

    private final Function<String, ReconnectBudget> make;
    private final BiFunction<InetSocketAddress, ReconnectBudget, ServerWatch> watch;
    private final WeakIdentityMap<ReconnectBudget> bySession = new WeakIdentityMap<>();
    /** Few keys (one per server an application talks to), kept for the JVM's life like the servers' circuits. */
    private final Map<String, ReconnectBudget> byServer = new ConcurrentHashMap<>();
    private final Map<String, ServerWatch> watches = new ConcurrentHashMap<>();

    /**
     * @param make makes the budget of a session, given the name of its server
     * @param watch makes the watch of a server's address and budget; null for none
     */
    public Budgets(Function<String, ReconnectBudget> make,
            BiFunction<InetSocketAddress, ReconnectBudget, ServerWatch> watch) {
        this.make = make;
        this.watch = watch;
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

    /**
     * After a failure of the session's attempt was counted: if its server refused the connection, the server's watch
     * looks for it to listen again. Only servers with a key are watched; a session's own budget has no watch.
     */
    public void watchIfRefused(GuardedSession session, Throwable failure) {
        if (!ConnectionFailures.refused(failure)) {
            return;
        }
        String key = session.client().serverKey();
        InetSocketAddress address = key == null || watch == null ? null : session.client().serverAddress();
        if (address != null) {
            ReconnectBudget budget = of(session);
            watches.computeIfAbsent(key, k -> watch.apply(address, budget)).refused();
        }
    }
}
