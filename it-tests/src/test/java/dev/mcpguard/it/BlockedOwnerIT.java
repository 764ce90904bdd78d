package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.BlockedOwner;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import org.junit.jupiter.api.Test;

/**
 * One session whose close blocks the thread it runs on for good (host code the SDK runs synchronously when it fails
 * the call in flight), and 20 healthy sessions pinned to the same owner thread. The close deadline runs from the
 * request, so the blocked session is terminated at close-timeout; the owner hands the sessions waiting behind it to
 * a fresh thread, so they close in their normal time; the stuck thread is left behind, counted and named.
 */
class BlockedOwnerIT {

    private static final int HEALTHY = 20;
    private static final long CLOSE_TIMEOUT_MILLIS = 6_000;
    /** A healthy Streamable HTTP close takes well under a second here; the bound is half the close timeout. */
    private static final long HEALTHY_BOUND_MILLIS = CLOSE_TIMEOUT_MILLIS / 2;
    private static final long BLOCKED_BOUND_MILLIS = CLOSE_TIMEOUT_MILLIS + 1_000;
    private static final String STUCK_WARN = "is stuck in the close of MCP session #1 (StdioClientTransport)";

    @Test
    void aCloseThatBlocksItsOwnerHoldsUpNoOtherSession() {
        JvmResult guarded = null;
        try (EverythingServer http = EverythingServer.start(EverythingServer.Mode.STREAMABLE_HTTP)) {
            guarded = ForkedJvm.app(BlockedOwner.class, "stdio", EverythingServer.stdioTarget(), "streamable",
                    http.url(), Integer.toString(HEALTHY))
                    .withAgent("close-timeout=" + CLOSE_TIMEOUT_MILLIS + "ms;owner-threads=1").run();

            JvmResult g = guarded;
            assertCleanWithAgent(guarded);
            ScenarioReport report = guarded.report();
            assertEquals(HEALTHY, report.getLong("healthyClosed"), g::describe);
            assertTrue(report.getLong("healthyMaxMs") <= HEALTHY_BOUND_MILLIS, g::describe);
            assertEquals("true", report.get("blockedClosed"), g::describe);
            assertTrue(report.getLong("blockedMs") >= CLOSE_TIMEOUT_MILLIS - 500, g::describe);
            assertTrue(report.getLong("blockedMs") <= BLOCKED_BOUND_MILLIS, g::describe);
            assertEquals(0, report.getLong("blockedServerAlive"), g::describe);
            assertEquals(1, report.counter("owners.abandoned"), g::describe);
            assertEquals(1, guarded.agentLog().matching("WARN", STUCK_WARN).size(), g::describe);
            assertTrue(guarded.exitedByItself(), g::describe);
        } finally {
            Leftovers.killReportedChildren(guarded);
        }
    }
}
