package dev.mcpguard.agent.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signatures;
import dev.mcpguard.agent.core.GuardCore;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the runtime answers LangChain4j's woven client: a reconnection or initialization of a closed client is
 * refused, of an open or unknown one it is not; a server process a reconnection started after the close is ended;
 * reconnections go through the session's budget.
 * The close itself (its owner and bound) is the core's and tested there; the closer is not needed here.
 */
class LangChain4jRuntimeTest {

    private final SessionRegistry registry = new SessionRegistry();
    /** A clock the test moves: the budget's backoff is then exact. */
    private final AtomicLong nanos = new AtomicLong();
    private final Budgets budgets = new Budgets(server -> new ReconnectBudget(server, Duration.ofSeconds(1),
            Duration.ofSeconds(30), 5, 3, nanos::get), null);
    private final LangChain4jRuntime runtime = new LangChain4jRuntime(new GuardCore(registry, null, null,
            new ArtifactClassifier(Signatures.with(new LangChain4jMcp().teardownArtifacts(), List.of())), budgets, 20),
            true, false);
    /** Stand for a DefaultMcpClient and its transport; held here, as the registry holds them weakly. */
    private final Object client = new Object();
    private final Object transport = new Object();
    private Process server;

    @AfterEach
    void endServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    /**
     * What a closed client's requests in flight fail with once its server exited, as LangChain4j's request methods
     * rethrow it: a teardown artifact of a host's reconnect loop.
     */
    @Test
    void aRequestFailedByTheCloseIsATeardownArtifact() {
        RuntimeException rethrown = new RuntimeException(new ExecutionException(
                new IllegalStateException(LangChain4jClient.CLOSED_IN_FLIGHT)));
        assertEquals("client-closed", new ArtifactClassifier(Signatures.with(new LangChain4jMcp().teardownArtifacts(),
                List.of())).classify(rethrown, true, null).reason());
    }

    @Test
    void refusesToReopenOnlyAClosedClient() {
        assertFalse(runtime.refuseReopen(client, "reconnect"), "unknown client");
        runtime.opened(client, transport);
        assertFalse(runtime.refuseReopen(client, "reconnect"), "open client");
        close();
        assertTrue(runtime.refuseReopen(client, "reconnect"));
        assertTrue(runtime.refuseReopen(client, "initialize"));
    }

    @Test
    void endsAServerStartedAfterTheClose() throws Exception {
        runtime.opened(client, transport);
        close();
        server = new ProcessBuilder("sleep", "30").start();
        runtime.stdioStarted(transport, server);
        assertTrue(server.waitFor(5, TimeUnit.SECONDS), "the late server still runs");
    }

    @Test
    void leavesTheServerOfAnOpenClient() throws Exception {
        runtime.opened(client, transport);
        server = new ProcessBuilder("sleep", "30").start();
        runtime.stdioStarted(transport, server);
        assertFalse(server.waitFor(200, TimeUnit.MILLISECONDS), "the server of an open client was ended");
    }

    @Test
    void spacesReconnectionsAfterARealFailureByTheBudget() {
        runtime.opened(client, transport);
        assertFalse(runtime.reconnectionRefused(client));
        runtime.initialized(client, new RuntimeException(new ConnectException("Connection refused")));
        assertTrue(runtime.reconnectionRefused(client), "a reconnection right after a real failure");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertFalse(runtime.reconnectionRefused(client), "once the backoff has passed");
        runtime.initialized(client, null);
        assertFalse(runtime.reconnectionRefused(client), "after a success");
    }

    @Test
    void theInitializationOfAClientBeingBuiltWithoutAServerKeyIsNoAttempt() {
        runtime.initialized(client, new RuntimeException("Connection refused"));
        runtime.opened(client, transport);
        assertFalse(runtime.reconnectionRefused(client));
    }

    /** Begins the close as the core does when the host asks for it. */
    private void close() {
        GuardedSession session = registry.byClient(client);
        session.beginClose();
        registry.closing(session);
    }
}
