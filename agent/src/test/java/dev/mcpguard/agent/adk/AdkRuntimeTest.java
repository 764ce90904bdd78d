package dev.mcpguard.agent.adk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the runtime answers ADK's woven toolset, session manager and tool: a closed toolset's manager makes no
 * session and the sessions it made are closed, even one made while the close ran; a tool's retry closes the session
 * it made itself, never the toolset's shared one. Stand-ins with ADK's field names play the ADK classes.
 */
class AdkRuntimeTest {

    /** Stands for an SDK client: counts its closes. */
    public static final class Session implements AutoCloseable {
        int closes;

        @Override
        public void close() {
            closes++;
        }
    }

    /** Stands for McpToolset: its field names are ADK's. */
    static final class Toolset {
        final Object mcpSessionManager = new Object();
    }

    /** Stands for McpTool (its session field is AbstractMcpTool's). */
    static final class Tool {
        volatile Object mcpSession;
    }

    private final AdkRuntime runtime = new AdkRuntime();
    private final Toolset toolset = new Toolset();

    @Test
    void aClosedToolsetClosesItsSessionsAndMakesNoMore() {
        Session first = new Session();
        Session second = new Session();
        assertNull(runtime.refuseSession(toolset.mcpSessionManager));
        runtime.sessionCreated(toolset.mcpSessionManager, first);
        runtime.sessionCreated(toolset.mcpSessionManager, second);

        runtime.toolsetClosing(toolset);

        assertEquals(1, first.closes);
        assertEquals(1, second.closes);
        RuntimeException refusal = runtime.refuseSession(toolset.mcpSessionManager);
        assertNotNull(refusal);
        assertTrue(refusal.getMessage().contains("closed"), refusal.getMessage());
    }

    @Test
    void aSessionMadeWhileTheCloseRanIsClosedAtOnce() {
        runtime.toolsetClosing(toolset);
        Session late = new Session();
        runtime.sessionCreated(toolset.mcpSessionManager, late);
        assertEquals(1, late.closes);
    }

    @Test
    void anotherToolsetIsNotRefused() {
        runtime.toolsetClosing(toolset);
        assertNull(runtime.refuseSession(new Toolset().mcpSessionManager));
    }

    @Test
    void aRetryClosesOnlyTheSessionTheToolMadeItself() {
        Session shared = new Session();
        runtime.sessionCreated(toolset.mcpSessionManager, shared);
        Tool tool = new Tool();
        tool.mcpSession = shared;

        runtime.replacingSession(tool);
        Session own = new Session();
        runtime.sessionCreated(toolset.mcpSessionManager, own);
        runtime.sessionReplaced(tool);
        // McpAsyncTool sets its new session only once it is initialized, after reinitializeSession() returned.
        tool.mcpSession = own;
        assertEquals(0, shared.closes, "the toolset's session, which its other tools use");

        runtime.replacingSession(tool);
        assertEquals(1, own.closes);
    }

    @Test
    void retriesOnlyACallThatNeverReachedTheServer() {
        assertNull(runtime.retryRefused(new java.net.ConnectException("Connection refused")));
        assertNull(runtime.retryRefused(new java.util.concurrent.CompletionException(
                new IllegalStateException("MCP session #1 is closed; 'callTool' refused. A closed MCP client stays closed"))));
        RuntimeException timeout = new RuntimeException(new java.util.concurrent.TimeoutException("no answer"));
        assertEquals(timeout, runtime.retryRefused(timeout));
        RuntimeException inFlight = new RuntimeException("MCP session with server terminated");
        assertEquals(inFlight, runtime.retryRefused(inFlight), "a call in flight when its session closed may have run");
    }
}
