package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoChildOutlivedTheJvm;
import static dev.mcpguard.it.harness.GuardAssertions.assertSucceeded;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcpguard.it.app.SpringAiHostApp;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real host: a Spring Boot application with {@code spring-ai-starter-mcp-client} (it-tests/hosts), one stdio
 * connection to server-everything, no LLM. It lists the tools, calls echo, and ends its context. Each Spring AI line
 * runs on its own class path with the SDK it brings: {@code spring-ai-1} is Spring AI 1.1.7 (Boot 3.5.14, SDK
 * 0.18.2), {@code spring-ai-2} is Spring AI 2.0.0 (Boot 4.1.0, SDK 2.0.0).
 *
 * <p>Spring AI closes its clients with the SDK's non-blocking {@code McpSyncClient.close()}
 * ({@code McpClientAutoConfiguration.CloseableMcpSyncClients}), so {@code context.close()} returns while the server
 * and the stdio transport are still going down, with or without the agent. What differs is what is left meanwhile
 * and what happens when nobody closes the context (the baselines below were measured on both lines, JDK 17 and 25).
 */
class SpringAiHostIT {

    /** The transport's executor threads without the agent: non-daemon {@code pool-N-thread-1}. */
    private static final Pattern SDK_POOL_THREAD = Pattern.compile("pool-\\d+-thread-\\d+");
    private static final Pattern AGENT_STDIO_THREAD = Pattern.compile("mcp-stdio-(inbound|outbound|error)-\\d+");
    /** A baseline that cannot exit is given this long to run main; a Spring start takes 1-3 s here. */
    private static final Duration BASELINE_LIMIT = Duration.ofSeconds(40);
    /** With the agent, the exit hook closes within close-timeout (+1 s for a forced end); the rest is JVM shutdown. */
    private static final Duration EXIT_AFTER_REPORT = Duration.ofSeconds(8);

    @BeforeEach
    void onlyOnTheBuildsOwnSdk() {
        // The hosts bring their own SDK; an SDK matrix run (-Pmatrix) selecting another would only repeat them.
        assumeFalse(ItPaths.selectedSdk().isPresent(), "the Spring AI hosts run on their own SDK");
    }

    /**
     * {@code context.close()} on main, and on a Reactor {@code parallel-N} thread. Baseline (both lines): close()
     * returns in a few ms with the server alive and the transport's three non-daemon executor threads running; they
     * end by themselves within about a second, so the JVM still exits. With the agent the same close leaves only
     * daemon transport threads behind for that moment, the server is gone within close-timeout + 1 s, and nothing is
     * left; on a Reactor thread the close is handed to the session's owner. (The agent keeps close() non-blocking, as
     * the SDK documents it, so the server may still be exiting when close() returns: this test bounds when it is gone.)
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "spring-ai-1, close", "spring-ai-1, reactor-close",
            "spring-ai-2, close", "spring-ai-2, reactor-close"})
    void closingTheContextLeavesNothingBehind(String host, String mode) {
        String server = EverythingServer.stdioTarget();
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = hostJvm(host, mode, server).withoutAgent().sysProp("mcpguard.it.settleMillis", "3000").run();
            guarded = hostJvm(host, mode, server).withAgent(Forks.AGENT_ARGS).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertWorked(baseline);
            assertEquals("false", before.get("contextActive"), b::describe);
            // The close is asynchronous: when close() returned, the server and the non-daemon SDK threads were alive.
            assertNotEquals(List.of(), before.list("childrenAtClose"), b::describe);
            assertEquals(3, count(before.list("threadsAtClose"), SDK_POOL_THREAD), b::describe);

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertWorked(guarded);
            assertCleanWithAgent(guarded);
            assertEquals("false", report.get("contextActive"), g::describe);
            // Nothing that could hold the JVM: the only threads still going down are the agent's daemon ones.
            List<String> atClose = report.list("threadsAtClose");
            assertEquals(atClose.size(), count(atClose, AGENT_STDIO_THREAD), g::describe);
            // The server was gone within close-timeout + 1 s of close() (measured in the host).
            assertWithinCloseBound(guarded, "serverGoneMs");
            assertEquals(1, report.getLong("sessionsOpened"), g::describe);
            assertEquals(1, report.getLong("sessionsClosed"), g::describe);
            assertEquals(1, report.counter("closes.marshalled"), g::describe);
            if (mode.equals("reactor-close")) {
                assertTrue(report.get("closeThread").startsWith("parallel-"), g::describe);
                assertEquals(1, report.counter("closes.handed-over"), g::describe);
            }
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * The application returns from main without closing the context, leaving it to Spring's shutdown hook. Baseline
     * (both lines): the hook never runs, because the transport's three non-daemon threads keep the JVM alive for good,
     * with the server. With the agent those threads are daemon threads, the JVM exits, and the server does not outlive
     * it (Spring's hook and the agent's exit hook both close the session).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spring-ai-1", "spring-ai-2"})
    void returningFromMainLetsTheJvmExitAndTheShutdownHookClose(String host) {
        String server = EverythingServer.stdioTarget();
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = hostJvm(host, "return", server).withoutAgent()
                    .sysProp("mcpguard.it.settleMillis", "3000").exitAfterReport(Duration.ofSeconds(5))
                    .run(BASELINE_LIMIT);
            guarded = hostJvm(host, "return", server).withAgent(Forks.AGENT_ARGS).exitAfterReport(EXIT_AFTER_REPORT).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertEquals("ok", before.get("echo"), b::describe);
            assertFalse(baseline.exitedByItself(), b::describe);
            assertEquals(3, count(before.list("leakedThreads"), SDK_POOL_THREAD), b::describe);
            assertNotEquals(List.of(), before.list("liveChildren"), b::describe);

            assertShutdownHookClosedCleanly(guarded);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * The application calls {@code System.exit(0)} without closing the context; Spring's shutdown hook closes it.
     * Baseline: System.exit ends the JVM whatever threads are alive, and server-everything then exits on stdin EOF,
     * so no leak shows reliably (whether the server is already gone when the JVM is is a race); it is only checked to
     * run. With the agent: the same clean end as above.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spring-ai-1", "spring-ai-2"})
    void systemExitLetsTheShutdownHookClose(String host) {
        String server = EverythingServer.stdioTarget();
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = hostJvm(host, "exit", server).withoutAgent().sysProp("mcpguard.it.settleMillis", "3000").run();
            guarded = hostJvm(host, "exit", server).withAgent(Forks.AGENT_ARGS).exitAfterReport(EXIT_AFTER_REPORT).run();

            JvmResult b = baseline;
            assertEquals("ok", baseline.report().get("echo"), b::describe);
            assertTrue(baseline.exitedByItself(), b::describe);

            assertShutdownHookClosedCleanly(guarded);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    private static void assertShutdownHookClosedCleanly(JvmResult guarded) {
        JvmResult g = guarded;
        ScenarioReport report = guarded.report();
        assertWorked(guarded);
        assertTrue(guarded.exitedByItself(), g::describe);
        assertSucceeded(guarded);
        assertNoAdviceErrors(guarded);
        assertEquals(List.of(), report.list("leakedThreads"), g::describe);
        // When main was done, the session was still open and its server alive, for the shutdown hooks to end.
        assertNotEquals(List.of(), report.list("liveChildren"), g::describe);
        assertEquals(0, report.counter("sessions.closed"), g::describe);
        assertNoChildOutlivedTheJvm(guarded);
    }

    private static void assertWorked(JvmResult result) {
        ScenarioReport report = result.report();
        assertEquals("1", report.get("clients"), result::describe);
        assertTrue(report.getLong("tools") > 0, result::describe);
        assertEquals("ok", report.get("echo"), result::describe);
    }

    private static ForkedJvm hostJvm(String host, String mode, String server) {
        return ForkedJvm.app(SpringAiHostApp.class, mode, server).classpath(Classpaths.host(host));
    }

    private static long count(List<String> names, Pattern pattern) {
        return names.stream().filter(n -> pattern.matcher(n).matches()).count();
    }
}
