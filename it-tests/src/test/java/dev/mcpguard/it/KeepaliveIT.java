package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.IdleSession;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import dev.mcpguard.it.net.LoopbackProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A legacy HTTP+SSE session behind a proxy that cuts connections quiet for 5 s (an ingress's idle timeout), idle for
 * 8 s between two calls. Without the agent the cut event stream takes the session with it and the second call
 * fails; with {@code keepalive.interval=2s} the pings keep the stream busy and the same session answers.
 */
class KeepaliveIT {

    private static final Duration IDLE_LIMIT = Duration.ofSeconds(5);
    private static final String IDLE_SECONDS = "8";

    @Test
    void withoutTheAgentTheIdleSessionIsCut() {
        JvmResult result = idleBehindProxy(ForkedJvm::withoutAgent);
        assertClean(result);
        assertEquals("ok", result.report().get("first"), result::describe);
        assertNotEquals("ok", result.report().get("second"), result::describe);
    }

    @Test
    void withKeepaliveTheSessionStaysUsable() {
        JvmResult result = idleBehindProxy(jvm -> jvm.withAgent("keepalive.interval=2s"));
        assertCleanWithAgent(result);
        ScenarioReport report = result.report();
        assertEquals("ok", report.get("first"), result::describe);
        assertEquals("ok", report.get("second"), result::describe);
        // The same session: its stream was never cut, so it never had to be healed.
        assertEquals(0, report.counter("sessions.healed"), result::describe);
        assertTrue(report.counter("keepalive.pings") >= 2, result::describe);
        // A ping unanswered within its interval (2 s) on a loaded machine still kept the connection busy; what this
        // test names is the session kept, asserted above, so only a majority of answered pings is required.
        assertTrue(report.counter("keepalive.failed") < report.counter("keepalive.pings"), result::describe);
    }

    private static JvmResult idleBehindProxy(java.util.function.UnaryOperator<ForkedJvm> agent) {
        try (Transport.Endpoint endpoint = Transport.SSE.open();
                LoopbackProxy proxy = LoopbackProxy.cuttingIdle(endpoint.server().port(), IDLE_LIMIT)) {
            return agent.apply(ForkedJvm.app(IdleSession.class, "sse", proxy.url(), IDLE_SECONDS)).run();
        }
    }
}
