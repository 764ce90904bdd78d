package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.InitializeRetried;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * {@code initialize()} retried on the same stdio client connects its transport again while the first server process
 * runs. The SDK alone leaves that process running for ever; the agent ends it, and that end is the agent's own doing,
 * not the server dying: the session must not be marked dead, nor the retry failed, with "exited with code 137".
 */
class StaleServerIT {

    /**
     * No reconnect budget: this test is about the stale process, not the budget's spacing, and even a 10 ms backoff
     * refused the retry once on a busy machine (the retry came 16 ms after the failure).
     */
    private static final String AGENT_ARGS = Forks.AGENT_ARGS + ";reconnect-budget.enabled=false";

    @Test
    void aStaleServerTheAgentEndsIsNotTakenForTheServerDying() {
        String[] args = {"stdio", ItPaths.silentServer().toString()};
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = Forks.baseline(InitializeRetried.class, args).run();
            assertEquals("1", baseline.report().get("firstServers"), baseline::describe);
            assertEquals("false", baseline.report().get("firstServerGone"), baseline::describe);
            assertTrue(baseline.report().get("retryFailure").contains("TimeoutException"), baseline::describe);

            guarded = Forks.guarded(InitializeRetried.class, args).withAgent(AGENT_ARGS).run();
            assertCleanWithAgent(guarded);
            assertEquals("1", guarded.report().get("firstServers"), guarded::describe);
            assertEquals("true", guarded.report().get("firstServerGone"), guarded::describe);
            // The second connection of a stdio transport cannot work on any SDK (its sinks take one subscriber):
            // the retry times out as it does without the agent, and nothing blames the server.
            assertTrue(guarded.report().get("retryFailure").contains("TimeoutException"), guarded::describe);
            assertFalse(guarded.report().get("laterCall").contains("exited with code"), guarded::describe);
            assertFalse(guarded.report().get("laterCall").contains("refused"), guarded::describe);
            assertEquals(0, guarded.report().counter("servers.exited"), guarded::describe);
            assertEquals("true", guarded.report().get("closed"), guarded::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }
}
