package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.CloseFrozenHttpServer;
import dev.mcpguard.it.app.CloseThenOnReactorThread;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a close reports is true: a completed Mono or {@code true} only when the session is closed or was
 * terminated, a failed Mono or {@code false} when it is neither, on every thread.
 */
class CloseResultsIT {

    /**
     * {@code closeGracefully().then(next)} on a Reactor parallel thread, as reactive code reconnects: on the plain
     * SDK {@code next} runs once the server process has exited, and so it must with the agent (a Mono that is
     * subscribed, not blocked on, has no reason to complete early and let {@code next} race the old server).
     */
    @Test
    void aClosingMonoOnAReactorThreadCompletesOnlyOnceTheServerIsGone() {
        String[] args = {"stdio", EverythingServer.stdioTarget()};
        JvmResult baseline = null;
        JvmResult guarded = null;
        try {
            baseline = Forks.baseline(CloseThenOnReactorThread.class, args).run();
            guarded = Forks.guarded(CloseThenOnReactorThread.class, args).run();

            JvmResult b = baseline;
            ScenarioReport before = baseline.report();
            assertEquals("0", before.get("serversAliveAtThen"), b::describe);

            JvmResult g = guarded;
            assertCleanWithAgent(guarded);
            ScenarioReport after = guarded.report();
            assertEquals("0", after.get("serversAliveAtThen"), g::describe);
            assertTrue(after.get("thenThread") != null && !after.get("thenThread").equals("null"), g::describe);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    /**
     * The server is frozen (the DELETE hangs) or killed (the DELETE fails): the plain SDK says false (after its own
     * 10 s for a frozen server). The agent ends the session's exchanges (on JDK 17 through the HttpClient's selector
     * manager, which has no public shutdown before JDK 21): terminated, so true and a completed Mono, within the
     * close bound.
     */
    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"stop", "kill"})
    void onJdk17SuchASessionIsTerminatedToo(String fault) {
        assumeTrue(Jdk.CURRENT.feature() < 21, "the public HttpClient shutdown is tested below");
        JvmResult baseline = run(fault, false, Jdk.CURRENT);
        JvmResult guarded = run(fault, true, Jdk.CURRENT);

        JvmResult b = baseline;
        assertEquals("false", baseline.report().get("syncClosed"), b::describe);

        JvmResult g = guarded;
        ScenarioReport after = guarded.report();
        assertNoAdviceErrors(guarded);
        assertEquals("true", after.get("syncClosed"), g::describe);
        assertEquals("completed", after.get("asyncOutcome"), g::describe);
        assertTrue(after.getLong("syncMs") <= Forks.CLOSE_BOUND_MILLIS, g::describe);
        assertTrue(after.getLong("asyncMs") <= Forks.CLOSE_BOUND_MILLIS, g::describe);
    }

    /** From JDK 21 on the agent can end the session's exchanges: terminated, so true and a completed Mono. */
    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"stop", "kill"})
    void onJdk21AndLaterSuchASessionIsTerminated(String fault) {
        assumeTrue(Jdk.JDK_25.available(), () -> Jdk.JDK_25 + " is not installed at " + Jdk.JDK_25.home());
        JvmResult guarded = run(fault, true, Jdk.JDK_25);

        JvmResult g = guarded;
        ScenarioReport after = guarded.report();
        assertNoAdviceErrors(guarded);
        assertEquals("true", after.get("syncClosed"), g::describe);
        assertEquals("completed", after.get("asyncOutcome"), g::describe);
        assertTrue(after.getLong("syncMs") <= Forks.CLOSE_BOUND_MILLIS, g::describe);
    }

    private static JvmResult run(String fault, boolean withAgent, Jdk jdk) {
        try (EverythingServer server = EverythingServer.start(EverythingServer.Mode.STREAMABLE_HTTP)) {
            String[] args = {"streamable", server.url(), Long.toString(server.pid()), fault};
            return (withAgent ? Forks.guarded(CloseFrozenHttpServer.class, args)
                    : Forks.baseline(CloseFrozenHttpServer.class, args)).javaHome(jdk.home()).run();
        }
    }
}
