package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoChildOutlivedTheJvm;
import static dev.mcpguard.it.harness.GuardAssertions.assertSucceeded;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.LangChain4jHostApp;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's own MCP client ({@code langchain4j-mcp}, it-tests/hosts/langchain4j: no SDK on the class path).
 */
class LangChain4jIT {

    private static final int ROUNDS = 3;
    /** The library as the agent names it: the line the host runs on. */
    private static final String LANGCHAIN4J = "dev.langchain4j:langchain4j-mcp " + ItPaths.langchain4jVersion();
    /** A server the baseline leaks ends itself after this long, so that no leak outlives the test by much. */
    private static final String SERVER_TTL_MS = "30000";
    /** How long a server that ignores SIGTERM is watched after its close. */
    private static final Duration STUCK_WAIT = Duration.ofSeconds(5);
    /** The request timeout of the client whose server dies; "at once" is anything well below it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    private static final long AT_ONCE_MS = 2_000;
    /** The planned reconnects a host loop's gateway makes with the agent. */
    private static final int PLANNED = 10;
    /** How long reconnections to a server gone for good are counted. */
    private static final Duration GONE_WINDOW = Duration.ofSeconds(6);
    /** How long a gateway that rebuilds its client rebuilds it, against a server gone for good. */
    private static final Duration REBUILD_WINDOW = Duration.ofSeconds(8);

    @BeforeEach
    void onlyOnTheBuildsOwnSdk() {
        // The host has no SDK at all; an SDK matrix run (-Pmatrix) selecting one would only repeat it.
        assumeFalse(ItPaths.selectedSdk().isPresent(), "the LangChain4j host does not use the SDK");
    }

    /**
     * langchain4j #6426: {@code close()} while a health-check ping is in flight (health check every 200 ms, ping
     * 500 ms), three rounds. Baseline: the close interrupts the ping, LangChain4j's health check answers the failure
     * by starting the transport again, and a new server process runs after the close, in every round (measured 3 of
     * 3 here; when the close's own end of the transport comes after the restart, the server left is the old one
     * instead, so the test asks only that one is left). With the agent: the reconnection is refused, each round's
     * server is gone, no advice error, and no failure is counted against the server's budget.
     */
    @Test
    void aClosedClientStaysClosedWhenItsHealthCheckWasInFlight() {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = closeRace(Forks.baseline(LangChain4jHostApp.class)).run();
            guarded = closeRace(ForkedJvm.app(LangChain4jHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

            JvmResult b = baseline;
            assertScenarioRan(baseline);
            assertFalse(baseline.report().list("liveChildren").isEmpty(),
                    () -> "the baseline left no server behind its closes\n" + b.describe());
            System.out.println("LangChain4jIT: servers left after " + ROUNDS + " closes during a health check: "
                    + baseline.report().list("liveChildren").size() + " without the agent (at close: "
                    + baseline.report().get("serversAtClose") + "; left: " + baseline.report().get("liveChildren")
                    + ")");

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
            assertNoChildOutlivedTheJvm(guarded);
            assertEquals(ROUNDS, report.counter("closes.marshalled"), g::describe);
            assertTrue(report.counter("resurrections.refused") >= 1, g::describe);
            // Each round is also a planned reconnect: a healthy client closed and a new one built for the same server.
            // The close's teardown (the interrupted ping, the reconnection it set off) counts no failure.
            assertEquals(0, report.counter("budget.consumed"), g::describe);
            assertEquals(0, report.counter("attempts.refused"), g::describe);
            assertEquals(0, report.counter("circuits.opened"), g::describe);
            for (int round = 1; round <= ROUNDS; round++) {
                long closeMs = report.getLong("closeMs" + round);
                assertTrue(closeMs <= Forks.CLOSE_BOUND_MILLIS, () -> "close took " + closeMs + " ms\n" + g.describe());
            }
            System.out.println("LangChain4jIT: with the agent, servers left 0, reconnections refused "
                    + report.counter("resurrections.refused") + ", closes took " + report.get("closeMs1") + ", "
                    + report.get("closeMs2") + ", " + report.get("closeMs3") + " ms");
            // Named in the banner with its version, and its status said once after it.
            assertEquals(1, guarded.agentLog().bannerLines().stream()
                    .filter(line -> line.message().startsWith("  langchain4j: " + LANGCHAIN4J)).count(), g::describe);
            assertEquals(1, guarded.agentLog().matching("INFO", "guarding " + LANGCHAIN4J).size(), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * langchain4j #2977: the stdio server is killed and cannot start again; LangChain4j's health check (every
     * 200 ms) reconnects after each failure, without end. Baseline: an attempt every health check (29 in 6 s on
     * 1.18). With the agent the attempts go through the session's reconnect budget (backoff 1 s, doubling): a handful
     * in the same window, each a real failure that consumed the budget; the client still closes cleanly. Before 1.10
     * LangChain4j makes one attempt and no other; the agent adds none.
     */
    @Test
    void reconnectionsToAServerGoneForGoodAreBoundedByTheBudget() {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = goneForGood(Forks.baseline(LangChain4jHostApp.class)).run();
            guarded = goneForGood(ForkedJvm.app(LangChain4jHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

            JvmResult b = baseline;
            assertScenarioRan(baseline);
            long unbounded = baseline.report().getLong("attempts");
            if (reconnectsWithoutEnd()) {
                assertTrue(unbounded >= 10, () -> "baseline attempts: " + unbounded + "\n" + b.describe());
            } else {
                assertEquals(1, unbounded, () -> "baseline attempts\n" + b.describe());
            }

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            long bounded = report.getLong("attempts");
            assertTrue(bounded >= 1 && bounded <= 5, () -> "attempts with the agent: " + bounded + "\n" + g.describe());
            System.out.println("LangChain4jIT: reconnection attempts to a server gone for good in "
                    + GONE_WINDOW.toSeconds() + " s: " + unbounded + " without the agent, " + bounded + " with it");
            assertTrue(report.counter("budget.consumed") >= 1, g::describe);
            if (reconnectsWithoutEnd()) {
                assertTrue(report.counter("attempts.refused") >= 1, g::describe);
            }
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * A gateway that builds a new client after each failure (100 ms apart, initialization timeout 500 ms, no health
     * check) against a stdio server gone for good: each build starts the server again. Baseline: a build at the
     * gateway's pace, every one a server start (30 or more in 8 s on 1.18, whose client fails as the process exits;
     * about one every 0.6 s before, which waits out the timeout). With the agent every client's construction goes
     * through the budget of its server, found by the server's command line: five real failures open its circuit, and
     * the builds after it fail at once, naming the budget, without starting the server (the next probe is due only
     * after the window).
     */
    @Test
    void aGatewayThatRebuildsItsClientIsBoundedByTheServersBudget() {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = rebuilds(Forks.baseline(LangChain4jHostApp.class)).run();
            guarded = rebuilds(ForkedJvm.app(LangChain4jHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

            JvmResult b = baseline;
            assertScenarioRan(baseline);
            long unbounded = baseline.report().getLong("attempts");
            assertTrue(unbounded >= 8, () -> "baseline server starts: " + unbounded + "\n" + b.describe());
            assertEquals(0, baseline.report().getLong("refused"), b::describe);

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            long bounded = report.getLong("attempts");
            assertTrue(bounded >= 5 && bounded <= 6, () -> "server starts with the agent: " + bounded + "\n"
                    + g.describe());
            assertTrue(report.getLong("refused") >= 1, g::describe);
            assertTrue(report.counter("budget.consumed") >= 5, g::describe);
            assertEquals(1, report.counter("circuits.opened"), g::describe);
            System.out.println("LangChain4jIT: server starts by a gateway rebuilding its client in "
                    + REBUILD_WINDOW.toSeconds() + " s: " + unbounded + " without the agent, " + bounded + " with it ("
                    + report.getLong("builds") + " builds, " + report.getLong("refused") + " refused)");
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * The original bug on LangChain4j's client: a host's reconnect loop (budget 5) whose body builds a client and pings
     * the slow-ping server (2 s a ping) until a keepalive timer closes it for a planned reconnect after a second.
     * Baseline: the ping in flight fails (1.18: "Operation cancelled due to transport failure"; before: its 5 s
     * timeout), the host counts it, and gives up after 5 planned reconnects. With the loop body declared in
     * {@code reconnect.methods}: the ping fails as the closed client's server exits (by the agent, or by 1.18 itself),
     * the classifier sees the teardown error through LangChain4j's wrapping, and the body runs again: 10 planned
     * reconnects, no failure.
     */
    @Test
    void aHostLoopsPlannedReconnectsCountNoFailure() {
        JvmResult baseline = plannedReconnects(Forks.baseline(LangChain4jHostApp.class)).run();
        JvmResult guarded = plannedReconnects(ForkedJvm.app(LangChain4jHostApp.class).withAgent(
                Forks.AGENT_ARGS + ";reconnect.methods=dev.mcpguard.it.host.langchain4j.PlannedReconnectGateway"
                        + "#runSession")).run();

        assertScenarioRan(baseline);
        ScenarioReport without = baseline.report();
        assertEquals("true", without.get("gaveUp"), baseline::describe);
        assertEquals(5, without.getLong("failures"), baseline::describe);
        assertTrue(without.get("lastFailure").contains(failsPendingOnServerExit()
                ? "Operation cancelled due to transport failure" : "TimeoutException"), baseline::describe);

        assertSucceeded(guarded);
        assertNoAdviceErrors(guarded);
        ScenarioReport with = guarded.report();
        assertEquals(0, with.getLong("failures"), guarded::describe);
        assertEquals("false", with.get("gaveUp"), guarded::describe);
        assertTrue(with.getLong("plannedReconnects") >= PLANNED, guarded::describe);
        // Whichever failed the ping first when the server exited: the agent, or LangChain4j 1.18 itself.
        long artifacts = with.counter("artifacts.suppressed.client-closed")
                + with.counter("artifacts.suppressed.transport-failed");
        assertTrue(artifacts >= PLANNED / 2, guarded::describe);
        assertEquals(0, with.counter("failures.real"), guarded::describe);
        System.out.println("LangChain4jIT: " + LANGCHAIN4J + ", a host loop's planned reconnects: without the agent it"
                + " gave up after " + without.get("plannedReconnects") + " (" + without.get("failures")
                + " failures, the last " + without.get("lastFailure") + "), with it " + with.get("plannedReconnects")
                + " and 0 failures (" + artifacts + " teardown errors run again)");
    }

    private static ForkedJvm plannedReconnects(ForkedJvm jvm) {
        return stdioProgram(jvm, "PlannedReconnectGateway", ItPaths.slowPingServer(), Integer.toString(PLANNED));
    }

    /**
     * LangChain4j 1.10 and later keep reconnecting after a failed reconnection; before, its exception ends the health
     * check, and a stdio client whose server is gone makes one attempt and no other (read in the sources of 1.6 to
     * 1.9.1 and 1.10).
     */
    private static boolean reconnectsWithoutEnd() {
        return atLeast(1, 10);
    }

    /**
     * The baseline's scenario threw nothing. Its exit code is not checked: a server LangChain4j leaked keeps the
     * transport's reader, a non-daemon thread, and so the JVM alive until the harness ends it.
     */
    private static void assertScenarioRan(JvmResult baseline) {
        assertTrue(baseline.hasReport(), baseline::describe);
        assertFalse(baseline.report().find("failure").isPresent(), baseline::describe);
    }

    /**
     * {@code close()} on a stdio server that ignores SIGTERM and the end of its stdin. Baseline: LangChain4j's close
     * signals the server and returns at once, and the server is still running 5 s later. With the agent the close
     * is bounded: the owner waits for the server, kills its process tree at close-timeout (one WARN), and the server
     * is gone within close-timeout + 1 s.
     */
    @Test
    void aCloseIsBoundedAndEndsAServerThatIgnoresSigterm() {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = stuckServer(Forks.baseline(LangChain4jHostApp.class)).run();
            guarded = stuckServer(ForkedJvm.app(LangChain4jHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

            JvmResult b = baseline;
            assertScenarioRan(baseline);
            assertEquals(-1, baseline.report().getLong("serverGoneMs"), b::describe);
            assertFalse(baseline.report().list("liveChildren").isEmpty(), b::describe);

            JvmResult g = guarded;
            ScenarioReport report = guarded.report();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertWithinCloseBound(guarded, "serverGoneMs");
            assertEquals(List.of(), report.list("liveChildren"), g::describe);
            assertEquals(1, report.counter("terminations.forced"), g::describe);
            assertEquals(1, guarded.agentLog().matching("WARN", "killed its server process tree").size(),
                    g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * A stdio server killed while the client's ping waits for its answer (the server holds pings for a minute, the
     * client's timeout is 8 s). LangChain4j up to 1.17 lets the request wait out its timeout; 1.18 fails it itself
     * when the process ends. With the agent it fails at once on every line, and the agent saw the server exit.
     */
    @Test
    void aRequestPendingWhenItsStdioServerDiesFailsAtOnce() {
        JvmResult baseline = serverDies(Forks.baseline(LangChain4jHostApp.class)).run();
        JvmResult guarded = serverDies(ForkedJvm.app(LangChain4jHostApp.class).withAgent(Forks.AGENT_ARGS)).run();

        assertScenarioRan(baseline);
        long baselineMs = baseline.report().getLong("pendingFailedMs");
        if (failsPendingOnServerExit()) {
            assertTrue(baselineMs >= 0 && baselineMs < AT_ONCE_MS, baseline::describe);
        } else {
            assertTrue(baselineMs < 0 || baselineMs >= REQUEST_TIMEOUT.toMillis() - AT_ONCE_MS, baseline::describe);
        }

        assertSucceeded(guarded);
        assertNoAdviceErrors(guarded);
        long guardedMs = guarded.report().getLong("pendingFailedMs");
        assertTrue(guardedMs >= 0 && guardedMs < AT_ONCE_MS, guarded::describe);
        assertEquals(1, guarded.report().counter("servers.exited"), guarded::describe);
        System.out.println("LangChain4jIT: " + LANGCHAIN4J + ", a ping pending when its server was killed failed "
                + baselineMs + " ms after the kill without the agent, " + guardedMs + " ms with it");
    }

    /** LangChain4j 1.18 fails a stdio client's requests in flight itself when its server process ends. */
    private static boolean failsPendingOnServerExit() {
        return atLeast(1, 18);
    }

    /** Whether the LangChain4j line the host runs on is {@code major.minor} or later. */
    private static boolean atLeast(int major, int minor) {
        String[] version = ItPaths.langchain4jVersion().split("[.-]");
        int actualMajor = Integer.parseInt(version[0]);
        return actualMajor > major || actualMajor == major && Integer.parseInt(version[1]) >= minor;
    }

    private static ForkedJvm serverDies(ForkedJvm jvm) {
        return stdioProgram(jvm, "ServerDiesMidRequest", ItPaths.slowPingServer(),
                Long.toString(REQUEST_TIMEOUT.toMillis()));
    }

    /**
     * 20 {@code DefaultMcpClient}s over Streamable HTTP opened, used and closed on JDK 17, where the HttpClient each
     * transport built for itself has no public shutdown and LangChain4j's {@code close()} leaves it running: its
     * threads pile up without the agent; with it the client's selector manager is shut down at the close.
     */
    @Test
    void onJdk17StreamableHttpClientsLeaveNoHttpClientThread() {
        assumeTrue(Jdk.CURRENT.feature() < 21, "LangChain4j closes its HttpClient itself on JDK 21+");
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open()) {
            JvmResult baseline = streamableClients(Forks.baseline(LangChain4jHostApp.class), endpoint).run();
            assertScenarioRan(baseline);
            assertFalse(baseline.report().list("httpClientThreads").isEmpty(), baseline::describe);

            JvmResult guarded = streamableClients(ForkedJvm.app(LangChain4jHostApp.class).withAgent(), endpoint)
                    .run();
            assertSucceeded(guarded);
            assertNoAdviceErrors(guarded);
            assertEquals(List.of(), guarded.report().list("httpClientThreads"), guarded::describe);
            System.out.println("LangChain4jIT: JDK 17, 20 Streamable HTTP clients closed: " + baseline.report()
                    .list("httpClientThreads").size() + " HttpClient threads left without the agent, 0 with it");
        }
    }

    private static ForkedJvm streamableClients(ForkedJvm jvm, Transport.Endpoint endpoint) {
        return jvm.main(LangChain4jHostApp.class, "StreamableHttpClients", endpoint.target() + "/mcp", "20")
                .classpath(Classpaths.langchain4jHost())
                .exitAfterReport(Duration.ofSeconds(10));
    }

    private static ForkedJvm stuckServer(ForkedJvm jvm) {
        return stdioProgram(jvm, "CloseStuckServer", ItPaths.sigtermImmuneServer(),
                Long.toString(STUCK_WAIT.toMillis()));
    }

    private static ForkedJvm goneForGood(ForkedJvm jvm) {
        return stdioProgram(jvm, "ServerGoneForGood", ItPaths.slowPingServer(), Long.toString(GONE_WINDOW.toMillis()));
    }

    private static ForkedJvm rebuilds(ForkedJvm jvm) {
        return stdioProgram(jvm, "RebuildsAfterEachFailure", ItPaths.slowPingServer(),
                Long.toString(REBUILD_WINDOW.toMillis()));
    }

    private static ForkedJvm closeRace(ForkedJvm jvm) {
        return stdioProgram(jvm, "CloseDuringHealthCheck", ItPaths.slowPingServer(), Integer.toString(ROUNDS));
    }

    /** A host program on a stdio server of the it-tests: {@code <program> node <server> <argument>}. */
    private static ForkedJvm stdioProgram(ForkedJvm jvm, String program, Path server, String argument) {
        return jvm.main(LangChain4jHostApp.class, program, "node", server.toString(), argument)
                .classpath(Classpaths.langchain4jHost())
                .env("MCP_GUARD_SERVER_TTL_MS", SERVER_TTL_MS)
                .exitAfterReport(Duration.ofSeconds(10));
    }
}
