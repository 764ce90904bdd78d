package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static dev.mcpguard.it.harness.GuardAssertions.stderrContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.CloseOnReactorThread;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;

/**
 * R1, asserted the same wherever it runs ({@link CloseOwnershipIT} per transport, {@link SdkLinesIT} per SDK line):
 * what {@link CloseOnReactorThread} reports without the agent and with it.
 */
final class ReactorThreadClose {

    static final String SDK_TIMEOUT_WARN = "Client didn't close within timeout";

    private ReactorThreadClose() {
    }

    /** The defect: false and the misleading timeout WARN, returned at once from parallel-N. */
    static void assertSdkDefect(JvmResult baseline) {
        ScenarioReport before = baseline.report();
        assertTrue(before.get("closeThread").startsWith("parallel-"), baseline::describe);
        assertEquals("false", before.get("closed"), baseline::describe);
        assertTrue(stderrContains(baseline, SDK_TIMEOUT_WARN), baseline::describe);
    }

    /**
     * The fix: the close is handed over, true, no WARN, and a close from main joins it and sees it done in time.
     * Returns the report for further checks.
     */
    static ScenarioReport assertFixed(JvmResult guarded) {
        assertCleanWithAgent(guarded);
        ScenarioReport report = guarded.report();
        assertTrue(report.get("closeThread").startsWith("parallel-"), guarded::describe);
        assertEquals("true", report.get("closed"), guarded::describe);
        assertFalse(stderrContains(guarded, SDK_TIMEOUT_WARN), guarded::describe);
        assertEquals(1, report.counter("closes.handed-over"), guarded::describe);
        assertEquals("true", report.get("settled"), guarded::describe);
        assertWithinCloseBound(guarded, "settledMs");
        return report;
    }
}
