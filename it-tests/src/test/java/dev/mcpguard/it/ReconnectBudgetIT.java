package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.CallUntilRecovered;
import dev.mcpguard.it.app.CallsThroughRestart;
import dev.mcpguard.it.app.InitializeUntilUp;
import dev.mcpguard.it.app.RetryAtOnce;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.SwitchableProxy;
import dev.mcpguard.it.harness.Transport;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SDK starts a new initialization, a new connection, for every call after a failed one: against a server that
 * is down, the host's call rate sets the connection rate. With the agent the session's reconnect budget spaces
 * the attempts by backoff and opens a circuit, and once the server is back the next allowed attempt reconnects.
 */
class ReconnectBudgetIT {

    /**
     * How long the server stays down in each run, from the host's first attempt (a forked JVM can take seconds to
     * get there on a busy machine); the host calls initialize() every 100 ms meanwhile.
     */
    private static final Duration DOWN = Duration.ofSeconds(6);
    /** How long a connected host has its server, from its first connection, before the server goes away. */
    private static final Duration UP = Duration.ofSeconds(4);
    /** How long it is away then: the circuit opens about 1.5 s in (3 failures counted 0.5 s, then 1 s apart). */
    private static final Duration AWAY = Duration.ofSeconds(10);
    /** How long a step of the restart test may take on a busy machine (a JVM's start, a node server's start). */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(60);
    private static final String BUDGET = "reconnect.backoff=500ms;reconnect.max-backoff=2s;reconnect.max-failures=3";

    @Test
    void withoutTheAgentEveryCallIsAConnectionAttempt() {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open();
                SwitchableProxy proxy = SwitchableProxy.downInFrontOf(URI.create(endpoint.target()).getPort())) {
            proxy.upAfterFirstRefusal(DOWN);
            JvmResult result = ForkedJvm.app(InitializeUntilUp.class, proxy.url(), "20").withoutAgent().run();
            assertClean(result);
            assertEquals("true", result.report().get("recovered"), result::describe);
            assertTrue(proxy.refusedConnections() >= 20, () -> proxy.refusedConnections() + "\n" + result.describe());
        }
    }

    @Test
    void withTheAgentAttemptsAreBoundedByTheBudgetAndTheSessionRecovers() {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open();
                SwitchableProxy proxy = SwitchableProxy.downInFrontOf(URI.create(endpoint.target()).getPort())) {
            proxy.upAfterFirstRefusal(DOWN);
            JvmResult result = ForkedJvm.app(InitializeUntilUp.class, proxy.url(), "20").withAgent(BUDGET).run();
            assertCleanWithAgent(result);
            assertEquals("true", result.report().get("recovered"), result::describe);
            // Attempts at about 0, 0.5 and 1.5 s (backoff +-20%); the third failure opens the circuit, which then
            // probes every 2 s: about 5 attempts while the server is down, against about 55 calls.
            int attempts = proxy.refusedConnections();
            assertTrue(attempts >= 3 && attempts <= 8, () -> attempts + "\n" + result.describe());
            assertTrue(result.report().getLong("calls") >= 30, result::describe);
            assertTrue(result.report().counter("circuits.opened") == 1, result::describe);
            assertTrue(result.report().counter("circuits.closed") == 1, result::describe);
            assertTrue(result.stderr().stream().filter(line -> line.contains("[mcp-guard] WARN")).count() == 1,
                    result::describe);
        }
    }

    /**
     * A host that retries a failed initialization at once, as ADK and many gateways do, against a server that is back
     * 0.4 s later. Refused by the budget, its retries would be spent in a millisecond and the host would give up on a
     * server that is up; instead the retry waits for the budget's next attempt (1 s, the default backoff) and connects.
     */
    @Test
    void aRetryMadeAtOnceWaitsForTheBudgetInsteadOfBeingRefused() {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open();
                SwitchableProxy proxy = SwitchableProxy.downInFrontOf(URI.create(endpoint.target()).getPort())) {
            proxy.upAfterFirstRefusal(Duration.ofMillis(400));
            JvmResult result = ForkedJvm.app(RetryAtOnce.class, proxy.url(), "3").withAgent().run();
            assertCleanWithAgent(result);
            assertEquals("true", result.report().get("recovered"), result::describe);
            assertEquals(2, result.report().getLong("attempts"), result::describe);
            assertEquals(1, result.report().counter("attempts.delayed"), result::describe);
            assertEquals(0, result.report().counter("attempts.refused"), result::describe);
            assertEquals(1, proxy.refusedConnections(), result::describe);
        }
    }

    /**
     * A gateway that closes the failed client and builds a new one before each call: every client is new, so a budget
     * per client object would never engage. The budget belongs to the server, and bounds it the same way.
     */
    @ParameterizedTest(name = "with the agent: {0}")
    @ValueSource(booleans = {false, true})
    void aGatewayThatRebuildsItsClientIsBoundedPerServer(boolean agent) {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open();
                SwitchableProxy proxy = SwitchableProxy.downInFrontOf(URI.create(endpoint.target()).getPort())) {
            proxy.upAfterFirstRefusal(DOWN);
            ForkedJvm jvm = ForkedJvm.app(InitializeUntilUp.class, proxy.url(), "20", "rebuild");
            JvmResult result = agent ? jvm.withAgent(BUDGET).run() : jvm.withoutAgent().run();
            int attempts = proxy.refusedConnections();
            System.out.println("ReconnectBudgetIT: a gateway rebuilding its client, server down 6 s: " + attempts
                    + " connection attempts " + (agent ? "with" : "without") + " the agent");
            assertEquals("true", result.report().get("recovered"), result::describe);
            if (agent) {
                assertCleanWithAgent(result);
                assertTrue(attempts >= 3 && attempts <= 8, () -> attempts + "\n" + result.describe());
            } else {
                assertClean(result);
                assertTrue(attempts >= 20, () -> attempts + "\n" + result.describe());
            }
        }
    }

    /**
     * A connected host whose server goes away for 10 s: Streamable HTTP keeps the session initialized, so each of its
     * calls is a new connection, at its call rate (about 95 without the agent). With the agent its connection failures
     * count against the server's budget, at the budget's pace (3 here: at 0, 0.5 and 1.5 s): then calls fail at once
     * naming the server, one probe per backoff (2 s) goes, and the first that gets through once the server is back
     * closes the circuit: about 20 attempts. Calls before the circuit opens go as without the agent.
     */
    @ParameterizedTest(name = "with the agent: {0}")
    @ValueSource(booleans = {false, true})
    void aConnectedHostIsHeldToTheServersBudgetOnceItsCircuitOpens(boolean agent) {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open();
                SwitchableProxy proxy = SwitchableProxy.upInFrontOf(URI.create(endpoint.target()).getPort())) {
            proxy.downAfterFirstConnection(UP, AWAY);
            ForkedJvm jvm = ForkedJvm.app(CallUntilRecovered.class, proxy.url(), "40");
            JvmResult result = agent ? jvm.withAgent(BUDGET).run() : jvm.withoutAgent().run();
            int attempts = proxy.refusedConnections();
            System.out.println("ReconnectBudgetIT: a connected gateway calling every 100 ms, server away 10 s: "
                    + attempts + " connection attempts " + (agent ? "with" : "without") + " the agent");
            assertEquals("true", result.report().get("recovered"), result::describe);
            if (agent) {
                assertCleanWithAgent(result);
                assertTrue(attempts >= 3 && attempts <= 30, () -> attempts + "\n" + result.describe());
                assertEquals(1, result.report().counter("circuits.opened"), result::describe);
                assertEquals(1, result.report().counter("circuits.closed"), result::describe);
                assertTrue(result.report().get("lastFailure").contains("circuit open"), result::describe);
            } else {
                assertClean(result);
                assertTrue(attempts >= 50, () -> attempts + "\n" + result.describe());
            }
        }
    }

    /**
     * A server restarted on the same port under a host whose circuit is open: its port refused connections meanwhile,
     * so the agent watches it and lets calls go as soon as it listens again, not at the end of the backoff. The
     * budget here opens the circuit at the second failure with a backoff of at least 16 s (20 s, jitter 0.8-1.2):
     * the first may be a pooled connection the kill cut, not a refusal, and a circuit opened on it would refuse every
     * later call before it could meet the closed port (CI19). The server is back 1-2 s later (a node start), so
     * without the watch no call could succeed before the host gives up, 15 s after its first failure.
     */
    @Test
    void aServerRestartedUnderAnOpenCircuitIsUsedAgainAsSoonAsItListens() {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open()) {
            ForkedJvm.Running running = ForkedJvm.app(CallsThroughRestart.class, endpoint.scenarioArgs())
                    .withAgent("reconnect.backoff=10s;reconnect.max-backoff=30s;reconnect.max-failures=2").start();
            running.awaitLine("CALLING", STEP_LIMIT);
            endpoint.server().stop();
            running.awaitLine("FAILED", STEP_LIMIT);
            long backAt;
            JvmResult result;
            try (EverythingServer again = endpoint.server().restart()) {
                backAt = System.currentTimeMillis();
                result = running.finish();
            }
            long recoveredAt = result.report().getLong("recoveredAt");
            long healedMs = recoveredAt == 0 ? -1 : Math.max(0, recoveredAt - backAt);
            System.out.println("ReconnectBudgetIT: circuit open, server restarted: first call back " + healedMs
                    + " ms after the server");
            assertCleanWithAgent(result);
            assertEquals(1, result.report().counter("circuits.opened"), result::describe);
            assertTrue(result.report().counter("servers.back") >= 1, result::describe);
            assertTrue(healedMs >= 0 && healedMs <= 3000, () -> "healed " + healedMs + " ms\n" + result.describe());
        }
    }
}
