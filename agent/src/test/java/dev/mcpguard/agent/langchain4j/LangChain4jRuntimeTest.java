package dev.mcpguard.agent.langchain4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the runtime answers LangChain4j's woven client: a reconnection or initialization of a closed client is
 * refused, of an open or unknown one it is not; a server process a reconnection started after the close is ended.
 * The close itself (its owner and bound) is the core's and tested there; the closer is not needed here.
 */
class LangChain4jRuntimeTest {

    private final SessionRegistry registry = new SessionRegistry();
    private final LangChain4jRuntime runtime = new LangChain4jRuntime(registry, null, true);
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

    /** Begins the close as the core does when the host asks for it. */
    private void close() {
        GuardedSession session = registry.byClient(client);
        session.beginClose();
        registry.closing(session);
    }
}
