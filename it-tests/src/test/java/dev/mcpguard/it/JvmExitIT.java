package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoChildOutlivedTheJvm;
import static dev.mcpguard.it.harness.GuardAssertions.assertSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.NeverCloses;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R9: an app that never closes its stdio client and returns from main. Without the agent the transport's
 * non-daemon threads keep the JVM alive for good. With the agent those threads are daemon threads, so the JVM
 * exits, and its exit hook closes the session, so the server does not outlive it.
 *
 * <p>server-everything exits on stdin EOF anyway once the JVM is gone; the SIGTERM- and EOF-immune server does
 * not, so with it only the exit hook (and its forced termination) can have ended the server.
 */
class JvmExitIT {

    private static final Duration BASELINE_LIMIT = Duration.ofSeconds(20);
    /** The exit hook closes within close-timeout (+1 s for a forced end); the rest is JVM shutdown. */
    private static final Duration EXIT_AFTER_REPORT = Duration.ofSeconds(8);
    private static final String FORCED_WARN =
            "(StdioClientTransport) did not close within 2s; mcp-guard killed its server process tree";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"server-everything", "sigterm-immune-server"})
    void anUnclosedStdioClientDoesNotKeepTheJvmAliveNorOutliveIt(String server) {
        boolean immune = server.equals("sigterm-immune-server");
        String target = immune ? ItPaths.sigtermImmuneServer().toString() : EverythingServer.stdioTarget();
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = Forks.baseline(NeverCloses.class, "stdio", target).run(BASELINE_LIMIT);
            guarded = Forks.guarded(NeverCloses.class, "stdio", target).exitAfterReport(EXIT_AFTER_REPORT).run();

            // The defect: main returned, but the JVM does not exit.
            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertEquals("ok", before.get("echo"), b::describe);
            assertNotEquals(List.of(), before.list("leakedThreads"), b::describe);
            assertFalse(baseline.exitedByItself(), b::describe);

            JvmResult g = guarded;
            assertTrue(guarded.exitedByItself(), g::describe);
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            ScenarioReport report = guarded.report();
            assertEquals("ok", report.get("echo"), g::describe);
            assertEquals(List.of(), report.list("leakedThreads"), g::describe);
            // When main returned, the session was still open: its server was alive, for the exit hook to end.
            assertNotEquals(List.of(), report.list("liveChildren"), g::describe);
            assertEquals(0, report.counter("sessions.closed"), g::describe);
            assertNoChildOutlivedTheJvm(guarded);
            assertEquals(immune ? 1 : 0, guarded.agentLog().matching("WARN", FORCED_WARN).size(), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }
}
