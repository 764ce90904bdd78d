package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.CallsThroughRestart;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server redeployed under a client that keeps calling it (killed, started again on the same port). Over Streamable
 * HTTP the SDK finds the session unknown and initializes a new one; over the legacy HTTP+SSE transport the client
 * keeps posting to a session the new server never had, and is dead until the application rebuilds it (spring-ai
 * #2740, #3337). With the agent the ended event stream marks the session dead and the next call opens a new one.
 */
class SessionHealingIT {

    /** From the server being back to the first call that succeeds: well above a node start, far below "never". */
    private static final long HEALED_WITHIN_MS = 3_000;
    private static final Duration STEP_LIMIT = Duration.ofSeconds(60);

    @Test
    void withoutTheAgentAnSseClientNeverRecovers() {
        Restart restart = throughRestart(Transport.SSE, ForkedJvm::withoutAgent);
        assertClean(restart.result);
        assertEquals(0, restart.report().getLong("recoveredAt"), restart::describe);
        System.out.println("SessionHealingIT: SSE without the agent, no call succeeded in 15 s; slowest failed call "
                + restart.report().getLong("slowestFailedMs") + " ms, last: " + restart.report().get("lastFailure"));
    }

    @Test
    void withTheAgentAnSseClientRecoversOnItsNextCall() {
        Restart restart = throughRestart(Transport.SSE, ForkedJvm::withAgent);
        assertCleanWithAgent(restart.result);
        assertTrue(restart.healedMs() >= 0 && restart.healedMs() <= HEALED_WITHIN_MS, restart::describe);
        // The calls made while the server was down failed at once, not after the request timeout.
        assertTrue(restart.report().getLong("slowestFailedMs") < HEALED_WITHIN_MS, restart::describe);
        assertTrue(restart.report().counter("sessions.healed") >= 1, restart::describe);
        System.out.println("SessionHealingIT: SSE with the agent, first call back " + restart.healedMs()
                + " ms after the server, slowest failed call " + restart.report().getLong("slowestFailedMs") + " ms");
    }

    @Test
    void overStreamableHttpTheAgentChangesNothing() {
        Restart plain = throughRestart(Transport.STREAMABLE, ForkedJvm::withoutAgent);
        Restart guarded = throughRestart(Transport.STREAMABLE, ForkedJvm::withAgent);
        assertClean(plain.result);
        assertCleanWithAgent(guarded.result);
        assertTrue(plain.healedMs() >= 0 && plain.healedMs() <= HEALED_WITHIN_MS, plain::describe);
        assertTrue(guarded.healedMs() >= 0 && guarded.healedMs() <= HEALED_WITHIN_MS, guarded::describe);
        System.out.println("SessionHealingIT: Streamable HTTP, first call back " + plain.healedMs()
                + " ms after the server without the agent, " + guarded.healedMs() + " ms with it");
    }

    /** Runs {@link CallsThroughRestart}: stops its server after a call succeeded, starts it again after one failed. */
    private static Restart throughRestart(Transport transport, java.util.function.UnaryOperator<ForkedJvm> agent) {
        try (Transport.Endpoint endpoint = transport.open()) {
            ForkedJvm.Running running = agent.apply(ForkedJvm.app(CallsThroughRestart.class, endpoint.scenarioArgs()))
                    .start();
            running.awaitLine("CALLING", STEP_LIMIT);
            endpoint.server().stop();
            running.awaitLine("FAILED", STEP_LIMIT);
            try (EverythingServer again = endpoint.server().restart()) {
                long backAt = System.currentTimeMillis();
                return new Restart(running.finish(), backAt);
            }
        }
    }

    private record Restart(JvmResult result, long backAt) {

        ScenarioReport report() {
            return result.report();
        }

        /** Milliseconds from the server being back to the first call that succeeded; negative if none did. */
        long healedMs() {
            long recoveredAt = report().getLong("recoveredAt");
            return recoveredAt == 0 ? -1 : Math.max(0, recoveredAt - backAt);
        }

        String describe() {
            return "server back at " + backAt + "\n" + result.describe();
        }
    }
}
