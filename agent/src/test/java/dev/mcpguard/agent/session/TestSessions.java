package dev.mcpguard.agent.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sessions of a registry of their own, for unit tests: opened on the calling thread, by ready clients. */
public final class TestSessions {

    /** Stands for a library's client that completed initialization. */
    public static final class ReadyClient implements ClientHandle {
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
            return "test";
        }
    }

    private final SessionRegistry registry = new SessionRegistry();
    /** The clients stay reachable: the registry holds them weakly. */
    private final List<Object> keep = new ArrayList<>();

    public SessionRegistry registry() {
        return registry;
    }

    public synchronized GuardedSession openReady() {
        ReadyClient client = new ReadyClient();
        keep.add(client);
        return registry.open(client, List.of(), client, "TestTransport", "test", Teardown.NONE, false);
    }

    /** Begins the session's close on the calling thread, as the agent does when that thread asks for it. */
    public void close(GuardedSession session) {
        session.beginClose();
        registry.closing(session);
    }
}
