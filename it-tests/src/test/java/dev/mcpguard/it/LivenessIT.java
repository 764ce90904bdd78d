package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.ServerDiesOnItsOwn;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import org.junit.jupiter.api.Test;

/** R4: a stdio server that dies on its own is noticed at once, not after every request's timeout. */
class LivenessIT {

    /** The scenario's request timeout is 8 s; "at once" is anything well below it. */
    private static final long AT_ONCE_MS = 2_000;

    @Test
    void withoutTheAgentEveryCallWaitsOutItsTimeout() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult result = ForkedJvm.app(ServerDiesOnItsOwn.class, endpoint.scenarioArgs()).withoutAgent().run();
            assertClean(result);
            ScenarioReport report = result.report();
            assertTrue(report.getLong("pendingFailedMs") > AT_ONCE_MS, result::describe);
            assertTrue(report.get("pending").contains("TimeoutException"), result::describe);
            assertTrue(report.getLong("nextFailedMs") > AT_ONCE_MS, result::describe);
        }
    }

    @Test
    void withTheAgentPendingAndLaterCallsFailAtOnceNamingTheExitCode() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult result = ForkedJvm.app(ServerDiesOnItsOwn.class, endpoint.scenarioArgs()).withAgent().run();
            assertCleanWithAgent(result);
            ScenarioReport report = result.report();
            assertTrue(report.getLong("pendingFailedMs") < AT_ONCE_MS, result::describe);
            assertTrue(report.get("pending").contains("exited with code 137"), result::describe);
            assertTrue(report.getLong("nextFailedMs") < AT_ONCE_MS, result::describe);
            assertTrue(report.get("next").contains("exited with code 137"), result::describe);
        }
    }
}
