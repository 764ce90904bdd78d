package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.CloseStuckServer;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stdio server that does not end when the SDK closes it (frozen by SIGSTOP, or ignoring SIGTERM and stdin EOF):
 * the SDK's closeGracefully() waits 10 s, returns false and leaves the server and its threads behind for good. The
 * agent ends it after the close timeout: the whole process tree is killed and the transport's threads shut down.
 */
class BoundedTerminationIT {

    /** The SDK's own, fixed closeGracefully() wait. */
    private static final long SDK_CLOSE_WAIT_MILLIS = 10_000;
    private static final String FORCED_WARN =
            "(StdioClientTransport) did not close within 2s; mcp-guard killed its server process tree";

    static List<Jdk> jdks() {
        return List.of(Jdk.CURRENT, Jdk.JDK_25);
    }

    /** R5: the server is frozen with SIGSTOP, then closeGracefully(). */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void closeGracefullyEndsAFrozenServer(Jdk jdk) {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        String[] args = {"stdio", EverythingServer.stdioTarget(), "freeze"};
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = Forks.baseline(CloseStuckServer.class, args).javaHome(jdk.home()).run();
            guarded = Forks.guarded(CloseStuckServer.class, args).javaHome(jdk.home()).run();

            assertStuckWithoutAgent(baseline);
            // R5 in particular: the SDK's three transport threads never end, so the JVM cannot exit.
            assertEquals(3, baseline.report().list("leakedThreads").size(), baseline::describe);
            assertTerminatedWithAgent(guarded);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /** it-tests/servers/sigterm-immune-server.mjs: ignores SIGTERM and keeps running after stdin ends. */
    @Test
    void closeGracefullyEndsAServerThatIgnoresSigtermAndEof() {
        String[] args = {"stdio", ItPaths.sigtermImmuneServer().toString(), "none"};
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = Forks.baseline(CloseStuckServer.class, args).run();
            guarded = Forks.guarded(CloseStuckServer.class, args).run();

            assertStuckWithoutAgent(baseline);
            assertTerminatedWithAgent(guarded);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    private static void assertStuckWithoutAgent(JvmResult baseline) {
        ScenarioReport before = baseline.report();
        assertEquals("false", before.get("closed"), baseline::describe);
        assertTrue(before.getLong("closeMs") >= SDK_CLOSE_WAIT_MILLIS - 500, baseline::describe);
        assertEquals(1, before.getLong("serversAliveAfterClose"), baseline::describe);
        assertNotEquals(List.of(), before.list("liveChildren"), baseline::describe);
        assertNotEquals(List.of(), before.list("leakedThreads"), baseline::describe);
        assertFalse(baseline.exitedByItself(), baseline::describe);
    }

    private static void assertTerminatedWithAgent(JvmResult guarded) {
        assertCleanWithAgent(guarded);
        ScenarioReport report = guarded.report();
        assertEquals("true", report.get("closed"), guarded::describe);
        assertWithinCloseBound(guarded, "closeMs");
        assertEquals(0, report.getLong("serversAliveAfterClose"), guarded::describe);
        List<AgentLog.Line> forced = guarded.agentLog().matching("WARN", FORCED_WARN);
        assertEquals(1, forced.size(), guarded::describe);
        assertTrue(forced.get(0).message().startsWith("MCP session #"), guarded::describe);
        assertEquals(1, report.counter("terminations.forced"), guarded::describe);
        assertTrue(report.counter("processes.reaped") >= 1, guarded::describe);
    }
}
