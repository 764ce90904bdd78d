package dev.mcpguard.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final SessionRegistry registry = new SessionRegistry(new OwnerPool(1),
            server -> new ReconnectBudget(server, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, 20,
                    System::nanoTime));

    /** Stands for an SDK client: the registry asks it {@code isInitialized()} when its close begins. */
    public static final class ReadyClient {
        public boolean isInitialized() {
            return true;
        }
    }

    /** Opens a session on the current thread and begins its close; the client stays reachable from {@code keep}. */
    private void openAndClose(List<Object> keep) {
        ReadyClient client = new ReadyClient();
        Object initializer = new Object();
        keep.add(client);
        keep.add(initializer);
        GuardedSession session = registry.opened(client, null, initializer);
        session.beginClose();
        registry.closing(session);
    }

    @Test
    void theOpenerOfAReadySessionSeesItsTeardown() {
        long before = System.nanoTime();
        assertFalse(registry.readySessionTornDownSince(before));
        openAndClose(new ArrayList<>());
        assertTrue(registry.readySessionTornDownSince(before));
        assertTrue(registry.ownReadySessionTornDownSince(before));
    }

    @Test
    void anotherThreadDoesNotSeeIt() throws InterruptedException {
        long before = System.nanoTime();
        openAndClose(new ArrayList<>());
        AtomicBoolean seen = new AtomicBoolean(true);
        Thread other = new Thread(() -> seen.set(registry.readySessionTornDownSince(before)));
        other.start();
        other.join();
        assertFalse(seen.get());
    }

    /**
     * A gateway that opens each session on a thread of its own (a thread per request or per reconnect, or a virtual
     * thread) must not leave one record per thread behind for the life of the JVM: once the threads are gone, so
     * are their records.
     */
    @Test
    void recordsGoWithTheirThreads() throws InterruptedException {
        List<Object> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread opener = new Thread(() -> openAndClose(clients));
            opener.start();
            opener.join();
        }
        int left = registry.openersOnRecord();
        for (int attempt = 0; attempt < 50 && left > 1; attempt++) {
            System.gc();
            Thread.sleep(20);
            openAndClose(clients); // a write purges what the collector cleared
            left = registry.openersOnRecord();
        }
        assertEquals(1, left, "only the live test thread may still have a record");
    }
}
