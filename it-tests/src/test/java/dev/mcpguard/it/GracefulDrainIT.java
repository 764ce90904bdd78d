package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoChildOutlivedTheJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.DrainAtShutdown;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that drains at shutdown: its own shutdown hook still calls a tool 500 ms or 3 s into the JVM's shutdown,
 * then closes its client (Spring Boot's graceful shutdown while Kubernetes takes the pod out of service). Shutdown
 * hooks run all at once, so an exit hook that closed every session at once cut the drain ("is closed; 'calling
 * tool' refused"). The agent's exit hook lets the application's own hooks end first, and still leaves no server
 * behind.
 */
class GracefulDrainIT {

    /** The exit grace is 30 s; the drain's own close is bounded by close-timeout. Far above the few seconds seen. */
    private static final Duration EXIT_AFTER_REPORT = Duration.ofSeconds(25);

    static Stream<Arguments> cases() {
        return Stream.of(Transport.STDIO, Transport.STREAMABLE)
                .flatMap(transport -> Stream.of(Arguments.of(transport, 500), Arguments.of(transport, 3000)));
    }

    @ParameterizedTest(name = "{0}, a call {1} ms into shutdown")
    @MethodSource("cases")
    void aCallDuringShutdownSucceedsAndNothingOutlivesTheJvm(Transport transport, int delayMillis) {
        JvmResult baseline = null;
        JvmResult guarded = null;
        try (Transport.Endpoint endpoint = transport.open()) {
            String[] args = endpoint.scenarioArgs(Integer.toString(delayMillis));
            baseline = ForkedJvm.app(DrainAtShutdown.class, args).withoutAgent()
                    .exitAfterReport(EXIT_AFTER_REPORT).run();
            guarded = Forks.guarded(DrainAtShutdown.class, args).exitAfterReport(EXIT_AFTER_REPORT).run();

            JvmResult b = baseline;
            ScenarioReport before = drain(baseline);
            assertEquals("ok", before.get("call"), b::describe);
            assertTrue(baseline.exitedByItself(), b::describe);

            JvmResult g = guarded;
            ScenarioReport after = drain(guarded);
            assertEquals("ok", after.get("call"), g::describe);
            assertEquals("true", after.get("closed"), g::describe);
            assertTrue(guarded.exitedByItself(), g::describe);
            assertEquals(0, guarded.exitCode(), g::describe);
            assertNoAdviceErrors(guarded);
            assertNoChildOutlivedTheJvm(guarded);
        } finally {
            Leftovers.killReportedChildren(baseline);
            Leftovers.killReportedChildren(guarded);
        }
    }

    private static ScenarioReport drain(JvmResult result) {
        return ScenarioReport.parse(result.stdout(), DrainAtShutdown.HOOK_PREFIX)
                .orElseThrow(() -> new AssertionError("the drain hook reported nothing\n" + result.describe()));
    }
}
