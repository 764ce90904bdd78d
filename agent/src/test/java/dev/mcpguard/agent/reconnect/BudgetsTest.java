package dev.mcpguard.agent.reconnect;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mcpguard.agent.session.ClientHandle;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.Teardown;
import java.time.Duration;
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

    private GuardedSession open(String key) {
        Object client = new Object();
        return registry.open(client, List.of(), new Keyed(key), "TestTransport", "node", Teardown.NONE, false);
    }

    private record Keyed(String serverKey) implements ClientHandle {
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
