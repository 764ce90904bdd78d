package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.DeleteRefused;
import dev.mcpguard.it.app.TimedOutRequests;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two leaks of the SDK's sessions the agent closes (the {@code leak-fixes} feature): the pending entry of every
 * request that timed out or was cancelled (java-sdk #1133, every line), and the event stream of a Streamable HTTP
 * session whose DELETE failed (java-sdk #547, up to 2.0.1; 2.1.0 disposes it itself).
 */
class SdkLeaksIT {

    private static final int TIMED_OUT_CALLS = 5;
    /** The last SDK release that leaves the streams of a session open when its DELETE fails. */
    private static final String SDK_WITH_547 = "2.0.1";

    @Test
    void aRequestThatTimedOutOrWasCancelledLeavesNoPendingEntry() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            String[] args = endpoint.scenarioArgs(Integer.toString(TIMED_OUT_CALLS));
            JvmResult baseline = ForkedJvm.app(TimedOutRequests.class, args).withoutAgent().run();
            assertClean(baseline);
            ScenarioReport plain = baseline.report();
            assertEquals(String.valueOf(TIMED_OUT_CALLS), plain.get("timedOut"), baseline::describe);
            // Every timed-out call is still waited for, and so is the cancelled one.
            assertEquals(String.valueOf(TIMED_OUT_CALLS + 1), plain.get("pendingBefore"), baseline::describe);
            assertEquals(String.valueOf(TIMED_OUT_CALLS + 1), plain.get("pendingAfter"), baseline::describe);

            JvmResult guarded = ForkedJvm.app(TimedOutRequests.class, args).withAgent().run();
            assertCleanWithAgent(guarded);
            ScenarioReport report = guarded.report();
            assertEquals(String.valueOf(TIMED_OUT_CALLS), report.get("timedOut"), guarded::describe);
            assertEquals("1", report.get("pendingBefore"), guarded::describe);
            assertEquals("0", report.get("pendingAfter"), guarded::describe);
            assertEquals(TIMED_OUT_CALLS + 1, report.counter("requests.dropped"), guarded::describe);
        }
    }

    /**
     * java-sdk #547: a session whose DELETE failed never lets go of its event stream. On JDK 21+, where
     * {@code HttpClient.close()} waits for every exchange, the gateway's own close of its shared client then never
     * comes back (found by the SDK 0.18.4 × JDK 25 matrix cell: the baseline JVM hung at that close).
     */
    @Test
    void aSessionWhoseDeleteFailedStillLetsGoOfItsEventStream() {
        boolean closeWaits = Jdk.CURRENT.feature() >= 21;
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open()) {
            JvmResult baseline = ForkedJvm.app(DeleteRefused.class, endpoint.scenarioArgs())
                    .classpath(Classpaths.withSdk(SDK_WITH_547)).withoutAgent().run();
            assertClean(baseline);
            assertTrue(Integer.parseInt(baseline.report().get("streamsBefore")) > 0, baseline::describe);
            assertEquals("false", baseline.report().get("streamsDisposed"), baseline::describe);
            assertSharedClientClosed(baseline, closeWaits ? "false" : null);

            JvmResult guarded = ForkedJvm.app(DeleteRefused.class, endpoint.scenarioArgs())
                    .classpath(Classpaths.withSdk(SDK_WITH_547)).withAgent().run();
            assertCleanWithAgent(guarded);
            assertTrue(Integer.parseInt(guarded.report().get("streamsBefore")) > 0, guarded::describe);
            assertEquals("true", guarded.report().get("streamsDisposed"), guarded::describe);
            assertEquals(1, guarded.report().counter("connections.disposed"), guarded::describe);
            assertSharedClientClosed(guarded, closeWaits ? "true" : null);

            JvmResult switchedOff = ForkedJvm.app(DeleteRefused.class, endpoint.scenarioArgs())
                    .classpath(Classpaths.withSdk(SDK_WITH_547)).withAgent("leak-fixes.enabled=false").run();
            assertCleanWithAgent(switchedOff);
            assertEquals("false", switchedOff.report().get("streamsDisposed"), switchedOff::describe);
            assertSharedClientClosed(switchedOff, closeWaits ? "false" : null);
        }
    }

    /** What the gateway's close of its shared client came to: null where HttpClient has no close (before JDK 21). */
    private static void assertSharedClientClosed(JvmResult result, String expected) {
        assertEquals(Optional.ofNullable(expected), result.report().find("sharedClientClosed"), result::describe);
    }
}
