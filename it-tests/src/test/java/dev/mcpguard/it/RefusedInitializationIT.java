package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.ConcurrentCallsServerDown;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.SwitchableProxy;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Concurrent calls on a client whose server is down: a call that joins an initialization under way lasts as long as
 * it. Without the agent every initialization is a connection attempt that fails at once. With the agent and the
 * budget's circuit open, an attempt is refused without a connection, and whoever joined it must fail at once as well,
 * not wait out the initialization timeout.
 */
class RefusedInitializationIT {

    private static final String THREADS = "8";
    private static final String SECONDS = "3";
    /** One real failure opens the circuit, and no probe comes during the run. */
    private static final String OPEN_CIRCUIT =
            "reconnect.max-failures=1;reconnect.backoff=60s;reconnect.max-backoff=60s";

    @Test
    void withoutTheAgentEveryCallFailsAtOnceWithItsOwnConnectionAttempt() throws Exception {
        try (SwitchableProxy down = SwitchableProxy.downInFrontOf(unusedPort())) {
            JvmResult result = ForkedJvm.app(ConcurrentCallsServerDown.class, down.url(), THREADS, SECONDS)
                    .withoutAgent().run();
            assertClean(result);
            assertCallsFailedFast(result);
            assertTrue(down.refusedConnections() >= 20, () -> down.refusedConnections() + "\n" + result.describe());
        }
    }

    @Test
    void withTheCircuitOpenEveryCallFailsAtOnceWithoutAConnection() throws Exception {
        try (SwitchableProxy down = SwitchableProxy.downInFrontOf(unusedPort())) {
            JvmResult result = ForkedJvm.app(ConcurrentCallsServerDown.class, down.url(), THREADS, SECONDS)
                    .withAgent(OPEN_CIRCUIT).run();
            assertCleanWithAgent(result);
            assertCallsFailedFast(result);
            assertEquals(1, down.refusedConnections(), result::describe);
            assertEquals(1, result.report().counter("circuits.opened"), result::describe);
            assertTrue(result.report().get("slowestFailure").contains("circuit open"), result::describe);
        }
    }

    private static void assertCallsFailedFast(JvmResult result) {
        assertTrue(result.report().getLong("calls") >= 100, result::describe);
        assertEquals(0, result.report().getLong("slowCalls"), result::describe);
        assertTrue(result.report().getLong("slowestMs") < 1_000, result::describe);
        assertTrue(!result.report().get("slowestFailure").equals("returned"), result::describe);
    }

    /** A port nothing listens on: the proxy is down anyway, so nothing ever connects to it. */
    private static int unusedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
