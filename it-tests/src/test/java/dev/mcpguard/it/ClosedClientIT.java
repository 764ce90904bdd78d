package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.CloseRightAfterInitialize;
import dev.mcpguard.it.app.UseAfterClose;
import dev.mcpguard.it.harness.Await;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A closed client stays closed. Without the agent a call on a closed client re-initializes it: over stdio it
 * starts a new server process, over SSE it opens a new server session, and it fails only after the
 * initialization timeout. With the agent the call fails at once and nothing new is started.
 */
class ClosedClientIT {

    private static final String REFUSED = "is closed; 'calling tool' refused. A closed MCP client stays closed";
    /** server-everything's SSE mode prints this for every session it opens. */
    private static final String SSE_SESSION_OPENED = "Client Connected:";
    private static final long FAIL_FAST_MILLIS = 1_000;
    private static final int RACE_ROUNDS = 5;

    /** R6: {@code c.close(); c.callTool(echo)}. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Transport.class, names = {"STDIO", "SSE"})
    void aCallAfterCloseFailsFastAndStartsNothing(Transport transport) {
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult baseline = null;
            JvmResult guarded = null;
            try {
                long sessionsBefore = sseSessions(endpoint);
                baseline = Forks.baseline(UseAfterClose.class, endpoint.scenarioArgs()).run();
                long baselineSessions = awaitSseSessions(endpoint, sessionsBefore + 2) - sessionsBefore;
                guarded = Forks.guarded(UseAfterClose.class, endpoint.scenarioArgs()).run();
                long guardedSessions = awaitSseSessions(endpoint, sessionsBefore + baselineSessions + 1)
                        - sessionsBefore - baselineSessions;

                // The defect: no fail-fast; the closed client reconnects.
                ScenarioReport before = baseline.report();
                JvmResult b = baseline;
                assertFalse(before.get("callOutcome").contains(REFUSED), b::describe);
                if (!enqueueFailsAtOnce(before)) {
                    assertTrue(before.getLong("callMs") >= FAIL_FAST_MILLIS, b::describe);
                }
                if (transport == Transport.STDIO) {
                    // Where the call fails at once (enqueueFailsAtOnce, SDK < 2.1), the re-initialization that starts
                    // a new server races the JVM's end: seen sometimes, sometimes not. The defect that always shows
                    // there is the missing refusal, asserted above.
                    if (!enqueueFailsAtOnce(before)) {
                        assertTrue(serversStarted(before) >= 2, b::describe);
                    }
                } else {
                    assertTrue(baselineSessions >= 2, () -> "SSE sessions opened: " + baselineSessions
                            + "\n" + endpoint.server().describe() + "\n" + b.describe());
                }

                JvmResult g = guarded;
                assertCleanWithAgent(guarded);
                ScenarioReport report = guarded.report();
                assertEquals(IllegalStateException.class.getName(), report.get("callException"), g::describe);
                String refusal = report.get("callOutcome");
                assertTrue(refusal.startsWith("java.lang.IllegalStateException: MCP session #")
                        && refusal.contains(REFUSED), g::describe);
                assertTrue(report.getLong("callMs") < FAIL_FAST_MILLIS, g::describe);
                assertTrue(report.counter("resurrections.refused") >= 1, g::describe);
                if (transport == Transport.STDIO) {
                    assertEquals(1, report.list("children").size(), g::describe);
                    assertEquals(0, report.getLong("newChildren"), g::describe);
                } else {
                    assertEquals(1, guardedSessions, () -> "SSE sessions opened: " + guardedSessions
                            + "\n" + endpoint.server().describe() + "\n" + g.describe());
                }
            } finally {
                Leftovers.killReportedChildren(baseline);
                Leftovers.killReportedChildren(guarded);
            }
        }
    }

    /**
     * Race 1b: {@code initialize(); close();} on fresh clients, five rounds in one JVM. Without the agent the
     * tools/list_changed answer sometimes re-initializes a closed client and leaks a server; that baseline is
     * racy, so it is only recorded. With the agent: exactly one server per round, nothing left.
     */
    @Test
    void closeRightAfterInitializeNeverLeaksAServer() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            String[] args = endpoint.scenarioArgs(Integer.toString(RACE_ROUNDS));
            JvmResult baseline = Forks.baseline(CloseRightAfterInitialize.class, args).run();
            JvmResult guarded = Forks.guarded(CloseRightAfterInitialize.class, args).run();
            try {
                ScenarioReport before = baseline.report();
                assertEquals(Integer.toString(RACE_ROUNDS), before.get("rounds"), baseline::describe);
                System.out.printf("ClosedClientIT race baseline (no agent): %d servers started for %d rounds,"
                                + " left alive %s, non-daemon threads left %s, JVM exited by itself: %s%n",
                        serversStarted(before), RACE_ROUNDS, before.list("liveChildren"),
                        before.list("leakedThreads"), baseline.exitedByItself());

                assertCleanWithAgent(guarded);
                ScenarioReport report = guarded.report();
                assertEquals(RACE_ROUNDS, serversStarted(report), guarded::describe);
                assertEquals(RACE_ROUNDS, report.counter("sessions.opened"), guarded::describe);
                assertEquals(RACE_ROUNDS, report.counter("sessions.closed"), guarded::describe);
            } finally {
                Leftovers.killReportedChildren(baseline);
            }
        }
    }

    private static int serversStarted(ScenarioReport report) {
        Set<String> all = new LinkedHashSet<>(report.list("children"));
        all.addAll(report.list("liveChildren"));
        return all.size();
    }

    private static long sseSessions(Transport.Endpoint endpoint) {
        if (endpoint.server() == null) {
            return 0;
        }
        return endpoint.server().output().stream().filter(line -> line.startsWith(SSE_SESSION_OPENED)).count();
    }

    /**
     * The server's count of opened sessions once it reached {@code atLeast}, or after a short wait for its log
     * to catch up with the JVM that already ended.
     */
    private static long awaitSseSessions(Transport.Endpoint endpoint, long atLeast) {
        Await.until(() -> sseSessions(endpoint) >= atLeast, Duration.ofSeconds(2));
        return sseSessions(endpoint);
    }

    /**
     * SDK 0.18.x, 1.x and 2.0.x (stdio): a call on a closed client fails at once with "Failed to enqueue message" (the
     * transport's outbound sink is terminated and {@code tryEmitNext} reports it), where 2.1 waits out its timeout.
     * On those SDKs the baseline's defect is the new server process it still starts, not a slow failure; the
     * re-initialization starts it asynchronously, so it can come up after the call has already failed.
     */
    private static boolean enqueueFailsAtOnce(ScenarioReport baseline) {
        return ItPaths.sdkBefore21() && baseline.get("callOutcome").contains("Failed to enqueue message");
    }
}
