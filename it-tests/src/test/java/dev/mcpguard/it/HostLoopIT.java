package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.ForgetfulServerLoop;
import dev.mcpguard.it.app.PlannedReconnectGateway;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo of the original bug: planned reconnects with calls in flight burn a host loop's budget of 5. With the
 * loop body declared in mcp.guard.reconnect.methods the host survives 30 of them with its failure counter at 0;
 * against a server that is gone for good it still gives up after exactly its budget of real failures.
 */
class HostLoopIT {

    private static final String LOOP_BODY = "reconnect.methods=" + PlannedReconnectGateway.class.getName()
            + "#runSession";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STDIO", "STREAMABLE"})
    void plannedReconnectsBurnTheHostsBudgetWithoutTheAgent(Transport transport) {
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult result = ForkedJvm.app(PlannedReconnectGateway.class, endpoint.scenarioArgs("30"))
                    .withoutAgent().run(LIMIT);
            assertClean(result);
            ScenarioReport report = result.report();
            assertEquals("true", report.get("gaveUp"), result::describe);
            assertEquals(5, report.getLong("failures"), result::describe);
            assertTrue(report.getLong("plannedReconnects") <= 6, result::describe);
            assertTrue(report.get("lastFailure").contains("MCP session with server terminated"), result::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STDIO", "STREAMABLE"})
    void withTheLoopBodyDeclaredTheHostSurvives30PlannedReconnects(Transport transport) {
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult result = ForkedJvm.app(PlannedReconnectGateway.class, endpoint.scenarioArgs("30"))
                    .withAgent(LOOP_BODY).run(LIMIT);
            assertCleanWithAgent(result);
            ScenarioReport report = result.report();
            assertEquals(0, report.getLong("failures"), result::describe);
            assertEquals("false", report.get("gaveUp"), result::describe);
            assertTrue(report.getLong("plannedReconnects") >= 30, result::describe);
            assertTrue(report.counter("artifacts.suppressed.session-terminated") >= 25, result::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STDIO", "STREAMABLE"})
    void aServerGoneForGoodStillExhaustsTheHostsBudgetExactly(Transport transport) {
        String[] args;
        Transport.Endpoint endpoint = transport.open();
        try {
            args = endpoint.scenarioArgs("30");
        } finally {
            endpoint.close(); // the server is gone before the gateway starts
        }
        if (transport == Transport.STDIO) {
            args[1] = args[1] + ".gone"; // node exits at once: no such script
        }
        JvmResult result = ForkedJvm.app(PlannedReconnectGateway.class, args).withAgent(LOOP_BODY).run(LIMIT);
        assertCleanWithAgent(result);
        ScenarioReport report = result.report();
        assertEquals("true", report.get("gaveUp"), result::describe);
        assertEquals(5, report.getLong("failures"), result::describe);
        assertEquals(5, report.getLong("attempts"), result::describe);
        assertEquals(0, report.getLong("plannedReconnects"), result::describe);
    }

    /**
     * A real failure whose error looks exactly like an artifact (the server forgot the session: the SDK fails the
     * call with "MCP session with server terminated"), and then the host's own {@code finally { client.close(); }}.
     * That close comes after the failure, so it makes nothing an artifact: with the agent the host counts every
     * failure and gives up after its budget, as it does without the agent. (Whether the session is ready again when
     * the host closes it depends on how fast the SDK's own re-initialization is; {@code HostLoopsTest} pins the
     * order itself, without that race.)
     */
    @org.junit.jupiter.api.Test
    void theHostsOwnCloseAfterARealFailureDoesNotMakeItAnArtifact() {
        String body = "reconnect.methods=" + ForgetfulServerLoop.class.getName() + "#attempt";
        try (EverythingServer server = EverythingServer.startOwn(ItPaths.forgetfulHttpServer())) {
            String url = server.url();
            JvmResult baseline = ForkedJvm.app(ForgetfulServerLoop.class, url).withoutAgent().run(LIMIT);
            JvmResult guarded = ForkedJvm.app(ForgetfulServerLoop.class, url).withAgent(body).run(LIMIT);

            assertClean(baseline);
            ScenarioReport before = baseline.report();
            assertEquals(3, before.getLong("failures"), baseline::describe);
            assertEquals(3, before.getLong("bodies"), baseline::describe);
            // (Without the agent the host's close in finally can itself throw, an NPE when it lands while the SDK
            // initializes again, and that replaces the failure the attempt ended with: its text is not asserted.)

            assertCleanWithAgent(guarded);
            ScenarioReport after = guarded.report();
            assertEquals(3, after.getLong("failures"), guarded::describe);
            assertEquals(3, after.getLong("bodies"), guarded::describe);
            // The real failure's leaves match an artifact signature: only the order tells them apart.
            assertTrue(after.get("lastFailure").contains("MCP session with server terminated"), guarded::describe);
            assertEquals(3, after.counter("failures.real"), guarded::describe);
        }
    }
}
