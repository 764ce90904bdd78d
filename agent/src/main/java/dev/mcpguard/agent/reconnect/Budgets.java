package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.session.ClientHandle;
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
     * The budget of the server a client that is no session yet connects to (a LangChain4j client's constructor
     * initializes before its session is known); null when the client names no server: the attempt is not budgeted.
     */
    public ReconnectBudget ofServer(ClientHandle client, String server) {
        String key = client.serverKey();
        return key == null ? null : byServer.computeIfAbsent(key, k -> make.apply(server));
    }

    /**
     * A failure of an attempt that started at {@code startedNanos} (the budget's {@code now()}) on {@code budget},
     * from {@link #ofServer}, without its admission (as a call of a connected session).
     */
    public void failed(ClientHandle client, ReconnectBudget budget, Verdict verdict, Throwable error,
            long startedNanos) {
        budget.failed(verdict, startedNanos);
        watch(client, budget, error);
    }

    /** A failure of the session's attempt that its budget admitted (an initialization, a reconnection). */
    public void failed(GuardedSession session, Verdict verdict, Throwable error) {
        ReconnectBudget budget = of(session);
        budget.failed(verdict);
        watch(session.client(), budget, error);
    }

    /**
     * A failure of the session's attempt that started at {@code startedNanos} (the budget's {@code now()}) without
     * asking its budget (a call of a connected session, a keepalive ping).
     */
    public void failed(GuardedSession session, Verdict verdict, Throwable error, long startedNanos) {
        ReconnectBudget budget = of(session);
        budget.failed(verdict, startedNanos);
        watch(session.client(), budget, error);
    }

    /**
     * The server's watch looks for it to listen again if it refused the connection, or looks whether it refuses if
     * its circuit is open on other failures. Only servers with a key and an address are watched.
     */
    private void watch(ClientHandle client, ReconnectBudget budget, Throwable error) {
        boolean refused = error != null && ConnectionFailures.refused(error);
        if (watch == null || !refused && !budget.circuitOpen()) {
            return;
        }
        String key = client.serverKey();
        InetSocketAddress address = key == null ? null : client.serverAddress();
        if (address == null) {
            return;
        }
        ServerWatch serverWatch = watches.computeIfAbsent(key, k -> watch.apply(address, budget));
        if (refused) {
            serverWatch.refused();
        } else {
            serverWatch.failing();
        }
    }
}
