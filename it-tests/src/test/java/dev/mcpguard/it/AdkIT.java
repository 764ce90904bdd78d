package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcpguard.it.app.AdkHostApp;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Google ADK for Java's MCP tools (it-tests/hosts/adk: ADK 1.8.0 on the SDK it brings, 1.1.2), over stdio on
 * server-everything.
 */
class AdkIT {

    /** The library as the agent names it. */
    private static final String ADK = "com.google.adk:google-adk 1.8.0";
    /** How long the tool call runs on the server: far longer than a failed call takes with the agent. */
    private static final int CALL_SECONDS = 10;
    /** How many times ADK's {@code McpTool} retries a failed call, each on a new session. */
    private static final int ADK_RETRIES = 3;
    /** A call longer than its 1 s request timeout, short enough that the baseline's four runs end soon. */
    private static final int TIMED_OUT_CALL_SECONDS = 3;
    /**
     * The request timeout of the scenario whose server dies between calls, {@code StdioConnectionParameters}'s
     * default: what the baseline's call waits on the dead session, and what a new session's start must stay within.
     */
    private static final int REQUEST_TIMEOUT_SECONDS = 5;
    /** When the toolset is closed, counted from the call's start. */
    private static final long CLOSE_AFTER_MS = 1000;

    @BeforeEach
    void onlyOnTheBuildsOwnSdk() {
        // The host runs on the SDK ADK brings; an SDK matrix run (-Pmatrix) selecting another would only repeat it.
        assumeFalse(ItPaths.selectedSdk().isPresent(), "the ADK host runs on the SDK ADK brings");
    }

    /**
     * {@code McpToolset.close()} while a tool is mid-call. Baseline: the close fails the call, {@code McpTool}'s
     * retry makes a new session after the close and runs the call again on it, to success, and that session's
     * server is alive after the toolset closed (and nothing ever closes it). With the agent: the retry is refused a
     * new session, or the retry of a call that had reached the server is not made: the call fails well before it
     * could have run its course, a call after the close fails at once (no session is made for a tool of a closed
     * toolset), the toolset's own {@code getTools()} opens it again as without the agent, no server is alive after
     * its second close, no advice error.
     */
    @ParameterizedTest(name = "{0} toolset")
    @ValueSource(strings = {"sync", "async"})
    void aClosedToolsetMakesNoSessionAndItsCallFailsFast(String kind) {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = closeMidCall(Forks.baseline(AdkHostApp.class), kind).run();
            guarded = closeMidCall(ForkedJvm.app(AdkHostApp.class).withAgent(Forks.AGENT_ARGS), kind).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertTrue(baseline.hasReport(), b::describe);
            assertFalse(before.find("failure").isPresent(), b::describe);
            assertTrue(!before.list("liveChildren").isEmpty() || before.get("call").equals("succeeded"),
                    () -> "the baseline neither left a server nor ran the call on a new session\n" + b.describe());
            System.out.println("AdkIT (" + kind + "): without the agent the call " + before.get("call") + ", "
                    + before.get("callEndedAfterCloseMs") + " ms after the close; a call after the close "
                    + before.get("callAfterClose") + "; servers alive after the close: " + before.get("liveChildren"));

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertTrue(report.get("call").startsWith("failed: "), g::describe);
            long endedAfterClose = report.getLong("callEndedAfterCloseMs");
            assertTrue(endedAfterClose >= 0 && endedAfterClose < CALL_SECONDS * 1000L / 2,
                    () -> "the call ended " + endedAfterClose + " ms after the close\n" + g.describe());
            // No session was made for the retry; the toolset's own server may still be on its way out right then.
            assertEquals(0, serversTheCallStarted(report), g::describe);
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
            // Refused either a new session (the toolset is closed) or the retry itself (the call had reached the server).
            assertTrue(report.counter("resurrections.refused") + report.counter("tool-retries.refused") >= 1,
                    g::describe);
            assertTrue(report.get("callAfterClose").contains("The MCP toolset is closed"), g::describe);
            // The toolset itself may open again, as without the agent; its second close leaves nothing either.
            assertEquals("succeeded", report.get("callAfterReopen"), g::describe);
            assertEquals("succeeded", before.get("callAfterReopen"), b::describe);
            System.out.println("AdkIT (" + kind + "): with the agent the call " + report.get("call") + ", " + endedAfterClose
                    + " ms after the close; servers alive after the close: none; a call after the close "
                    + report.get("callAfterClose"));
            // Named in the banner with its version and status, and its status said once after it.
            assertEquals(1, guarded.agentLog().bannerLines().stream()
                    .filter(line -> line.message().startsWith("  adk: " + ADK)).count(), g::describe);
            assertEquals(1, guarded.agentLog().matching("INFO", "guarding " + ADK).size(), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * A call that outlives the request timeout of {@code StdioConnectionParameters} (5 s by default, 1 s here): the
     * server got it and runs it. Baseline: {@code McpTool} runs it again on a new session three times (three new
     * servers, alive after the call), and the caller gets {@code NoSuchElementException}, not the timeout; the
     * toolset's close leaves the new servers running. With the agent: the call is not run again, the caller gets
     * the timeout after about 1 s, no new server, none after the close, no advice error.
     */
    @ParameterizedTest(name = "{0} toolset")
    // Not "async": ADK 1.8.0's async session manager takes no StdioConnectionParameters, the only way to give a stdio
    // toolset its request timeout ("DefaultMcpTransportBuilder supports only ServerParameters, ...").
    @ValueSource(strings = {"sync"})
    void aCallThatReachedTheServerIsNotRunAgain(String kind) {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = timedOutCall(Forks.baseline(AdkHostApp.class), kind).run();
            guarded = timedOutCall(ForkedJvm.app(AdkHostApp.class).withAgent(Forks.AGENT_ARGS), kind).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertTrue(baseline.hasReport(), b::describe);
            assertFalse(before.find("failure").isPresent(), b::describe);
            assertEquals(ADK_RETRIES, serversTheCallStarted(before), b::describe);
            assertFalse(before.list("liveChildren").isEmpty(), b::describe);
            System.out.println("AdkIT (" + kind + "): a call past its request timeout, without the agent: " + before.get("call")
                    + " after " + before.get("callMs") + " ms, run again on " + serversTheCallStarted(before)
                    + " new servers, " + before.list("liveChildren").size() + " alive after the toolset's close");

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertTrue(report.get("call").contains("TimeoutException"), g::describe);
            assertEquals(0, serversTheCallStarted(report), g::describe);
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
            assertEquals(1, report.counter("tool-retries.refused"), g::describe);
            System.out.println("AdkIT (" + kind + "): with the agent: " + report.get("call") + " after " + report.get("callMs")
                    + " ms, run on no new server, none alive after the close");
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * The toolset's server dies between two calls (killed): the next call fails on the dead session before it reaches
     * any server, which is what {@code McpTool}'s retry is for. Baseline: the call waits out its request timeout on
     * the dead session, then runs again on a new session, to success. With the agent: the dead session refuses the
     * call at once, and the retry runs it on a new session, to success, far sooner: a call that never reached its
     * server is run again as without the agent (the agent refuses only the retry of a call that may have run), and
     * the toolset's close leaves no server behind.
     */
    @Test
    void aCallThatNeverReachedTheServerIsStillRunAgainOnANewSession() {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = serverDies(Forks.baseline(AdkHostApp.class)).run();
            guarded = serverDies(ForkedJvm.app(AdkHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertTrue(baseline.hasReport(), b::describe);
            assertFalse(before.find("failure").isPresent(), b::describe);
            assertEquals("succeeded", before.get("firstCall"), b::describe);
            assertEquals("succeeded", before.get("call"), b::describe);
            assertTrue(serversTheCallStarted(before) >= 1, b::describe);
            System.out.println("AdkIT: the next call after the server died, without the agent: " + before.get("call")
                    + " after " + before.get("callMs") + " ms, on a new server; servers alive after the toolset's close: "
                    + before.list("liveChildren"));

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertEquals("succeeded", report.get("firstCall"), g::describe);
            assertEquals("succeeded", report.get("call"), g::describe);
            // Refused at once on the dead session: the retry's new server, not a timeout, is what the call waits for.
            assertTrue(report.getLong("callMs") < REQUEST_TIMEOUT_SECONDS * 1000L, g::describe);
            assertEquals(1, serversTheCallStarted(report), g::describe);
            assertTrue(report.counter("resurrections.refused") >= 1, g::describe);
            assertEquals(0, report.counter("tool-retries.refused"), g::describe);
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
            System.out.println("AdkIT: with the agent: " + report.get("call") + " after " + report.get("callMs")
                    + " ms, on a new server; none alive after the toolset's close");
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * Servers alive after the call that were not before it: the call's retries started them. Counted against the
     * servers before the call because, with a 1 s request timeout, the toolset's own {@code getTools()} may time out
     * and retry on a busy machine too.
     */
    private static long serversTheCallStarted(ScenarioReport report) {
        List<String> before = report.list("serversBeforeCall");
        return report.list("serversAfterCall").stream().filter(pid -> !before.contains(pid)).count();
    }

    private static ForkedJvm timedOutCall(ForkedJvm jvm, String kind) {
        return jvm.main(AdkHostApp.class, "TimedOutCallRetried", kind, "node", ItPaths.everythingIndexJs().toString(),
                        "1", Integer.toString(TIMED_OUT_CALL_SECONDS))
                .classpath(Classpaths.host("adk"))
                .exitAfterReport(Duration.ofSeconds(10));
    }

    private static ForkedJvm serverDies(ForkedJvm jvm) {
        return jvm.main(AdkHostApp.class, "ServerDiesBetweenCalls", "node", ItPaths.everythingIndexJs().toString(),
                        Integer.toString(REQUEST_TIMEOUT_SECONDS))
                .classpath(Classpaths.host("adk"))
                .exitAfterReport(Duration.ofSeconds(10));
    }

    private static ForkedJvm closeMidCall(ForkedJvm jvm, String kind) {
        return jvm.main(AdkHostApp.class, "CloseToolsetMidCall", kind, "node", ItPaths.everythingIndexJs().toString(),
                        Integer.toString(CALL_SECONDS), Long.toString(CLOSE_AFTER_MS))
                .classpath(Classpaths.host("adk"))
                .exitAfterReport(Duration.ofSeconds(10));
    }
}
