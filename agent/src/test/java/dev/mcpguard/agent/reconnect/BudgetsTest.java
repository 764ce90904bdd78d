package dev.mcpguard.agent.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.artifacts.Verdict;

import dev.mcpguard.agent.session.ClientHandle;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.Teardown;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BudgetsTest {

    private final SessionRegistry registry = new SessionRegistry();
    private final Budgets budgets = new Budgets(server -> new ReconnectBudget(server, Duration.ofSeconds(1),
            Duration.ofSeconds(30), 5, 20, System::nanoTime), null);

    @Test
    void sessionsToTheSameServerShareOneBudgetWhateverTheirClient() {
        GuardedSession first = open("node server.js --token=a");
        GuardedSession rebuilt = open("node server.js --token=a");
        GuardedSession other = open("node server.js --token=b");
        assertSame(budgets.of(first), budgets.of(rebuilt));
        assertNotSame(budgets.of(first), budgets.of(other));
    }

    @Test
    void aSessionWithoutAServerKeyIsBudgetedAlone() {
        GuardedSession one = open(null);
        GuardedSession two = open(null);
        assertNotSame(budgets.of(one), budgets.of(two));
        assertSame(budgets.of(one), budgets.of(one));
    }

    @Test
    void aClientThatIsNoSessionYetMeetsTheBudgetOfItsServer() {
        GuardedSession connected = open("stdio node server.js");
        Keyed building = new Keyed("stdio node server.js", null);
        ReconnectBudget budget = budgets.ofServer(building, "node");
        assertSame(budgets.of(connected), budget);
        for (int i = 0; i < 5; i++) {
            budgets.failed(building, budget, REAL, new IOException("gone"), budget.now());
        }
        assertTrue(budgets.of(connected).circuitOpen(), "the builds' failures counted for the server");
        assertNull(budgets.ofServer(new Keyed(null, null), "node"), "no key: not budgeted");
    }

    @Test
    void aServerIsWatchedWhenItRefusedOrWhenOtherFailuresOpenedItsCircuit() {
        List<String> watched = new ArrayList<>();
        Budgets watching = new Budgets(server -> new ReconnectBudget(server, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 2, 20, System::nanoTime), (address, budget) -> new ServerWatch(address,
                        budget, (delay, probe) -> watched.add(address.getHostString()), Duration.ofMinutes(1),
                        System::nanoTime));
        GuardedSession refused = open("http://127.0.0.1:1/mcp", new InetSocketAddress("127.0.0.1", 1));
        watching.failed(refused, REAL, new IOException(new ConnectException("Connection refused")));
        assertEquals(List.of("127.0.0.1"), watched, "a refusal starts a watch");

        GuardedSession cut = open("http://127.0.0.2:1/mcp", new InetSocketAddress("127.0.0.2", 1));
        watching.failed(cut, REAL, new IOException("connection reset"));
        assertEquals(1, watched.size(), "a failure that was no refusal, with the circuit closed, starts none");
        watching.failed(cut, REAL, null);
        assertTrue(watching.of(cut).circuitOpen());
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), watched, "the circuit it opened does");

        GuardedSession stdio = open("node server.js", null);
        watching.failed(stdio, REAL, new ConnectException("Connection refused"));
        watching.failed(stdio, REAL, new ConnectException("Connection refused"));
        assertEquals(2, watched.size(), "a server without an address is not watched");
    }

    private static final Verdict REAL = new Verdict(false, "java.io.IOException");

    private GuardedSession open(String key) {
        return open(key, null);
    }

    private GuardedSession open(String key, InetSocketAddress address) {
        Object client = new Object();
        return registry.open(client, List.of(), new Keyed(key, address), "TestTransport", "node", Teardown.NONE,
                false);
    }

    private record Keyed(String serverKey, InetSocketAddress serverAddress) implements ClientHandle {
        @Override
        public CompletableFuture<?> closeGracefully() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public boolean isGone() {
            return false;
        }

        @Override
        public String serverDetail() {
            return "node";
        }
    }
}
