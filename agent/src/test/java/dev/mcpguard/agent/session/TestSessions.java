package dev.mcpguard.agent.session;

import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.ownership.Timer;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sessions of a registry of their own, for unit tests: opened on the calling thread, by ready clients. */
public final class TestSessions {

    /** Stands for an SDK client: the registry asks it {@code isInitialized()} when its close begins. */
    public static final class ReadyClient {
        public boolean isInitialized() {
            return true;
        }
    }

    private final SessionRegistry registry = new SessionRegistry(new OwnerPool(1, new Timer()),
            server -> new ReconnectBudget(server, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, 20,
                    System::nanoTime));
    /** The clients stay reachable: the registry holds them weakly. */
    private final List<Object> keep = new ArrayList<>();

    public SessionRegistry registry() {
        return registry;
    }

    public synchronized GuardedSession openReady() {
        ReadyClient client = new ReadyClient();
        Object initializer = new Object();
        keep.add(client);
        keep.add(initializer);
        return registry.opened(client, null, initializer);
    }

    /** Begins the session's close on the calling thread, as the agent does when that thread asks for it. */
    public void close(GuardedSession session) {
        session.beginClose();
        registry.closing(session);
    }
}
