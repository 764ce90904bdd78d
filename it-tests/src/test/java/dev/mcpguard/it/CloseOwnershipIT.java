package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.CloseInLoggingConsumer;
import dev.mcpguard.it.app.CloseOnReactorThread;
import dev.mcpguard.it.app.CloseWhileInterrupted;
import dev.mcpguard.it.app.ConcurrentClose;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One owner per session: a close asked for on a thread where the SDK's blocking close goes wrong (a Reactor
 * non-blocking thread, the stdio reader thread, an interrupted thread, two threads at once) runs on the session's
 * owner and completes. Each test first records the SDK's defect without the agent, then the fix with it.
 */
class CloseOwnershipIT {

    static Stream<Arguments> reactorThreadCases() {
        return Stream.of(
                Arguments.of(Transport.STDIO, Jdk.CURRENT),
                Arguments.of(Transport.STREAMABLE, Jdk.CURRENT),
                Arguments.of(Transport.SSE, Jdk.CURRENT),
                Arguments.of(Transport.STDIO, Jdk.JDK_25));
    }

    /** R1: {@code Mono.fromCallable(c::closeGracefully).subscribeOn(Schedulers.parallel()).block()}. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("reactorThreadCases")
    void syncCloseGracefullyOnAReactorThreadSucceeds(Transport transport, Jdk jdk) {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult baseline = Forks.baseline(CloseOnReactorThread.class, endpoint.scenarioArgs())
                    .javaHome(jdk.home()).run();
            JvmResult guarded = Forks.guarded(CloseOnReactorThread.class, endpoint.scenarioArgs())
                    .javaHome(jdk.home()).run();
            try {
                ReactorThreadClose.assertSdkDefect(baseline);
                ScenarioReport report = ReactorThreadClose.assertFixed(guarded);
                assertEquals(1, report.counter("closes.marshalled"), guarded::describe);
                assertEquals(1, report.counter("sessions.closed"), guarded::describe);
                if (transport == Transport.STDIO) {
                    assertWithinCloseBound(guarded, "serverGoneMs");
                }
            } finally {
                Leftovers.killReportedChildren(baseline);
            }
        }
    }

    /**
     * R2: an async client's logging consumer, which the SDK runs on the stdio reader thread, calls
     * {@code closeGracefully().block()}; server-everything's toggle-simulated-logging sends the log message.
     */
    @Test
    void blockingCloseInALoggingConsumerOnTheStdioReaderThreadSucceeds() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult baseline = Forks.baseline(CloseInLoggingConsumer.class, endpoint.scenarioArgs()).run();
            JvmResult guarded = Forks.guarded(CloseInLoggingConsumer.class, endpoint.scenarioArgs()).run();
            try {
                // The defect: the close shuts down the reader thread it runs on, and interrupts its own wait.
                ScenarioReport before = baseline.report();
                assertTrue(before.get("consumerThread").matches("pool-\\d+-thread-\\d+"), baseline::describe);
                String failure = before.get("consumerOutcome");
                assertTrue(failure.startsWith("reactor.core.Exceptions$ReactiveException")
                        && failure.contains("java.lang.InterruptedException"), baseline::describe);

                assertCleanWithAgent(guarded);
                ScenarioReport report = guarded.report();
                assertTrue(report.get("consumerThread").matches("mcp-stdio-inbound-\\d+"), guarded::describe);
                assertEquals("ok", report.get("consumerOutcome"), guarded::describe);
                assertEquals(1, report.counter("closes.handed-over"), guarded::describe);
                assertEquals(1, report.counter("closes.marshalled"), guarded::describe);
                assertEquals("ok", report.get("joined"), guarded::describe);
                assertWithinCloseBound(guarded, "closedMs");
                assertWithinCloseBound(guarded, "serverGoneMs");
            } finally {
                Leftovers.killReportedChildren(baseline);
            }
        }
    }

    /** {@code Thread.currentThread().interrupt(); c.closeGracefully()}, as a cancelled worker cleaning up. */
    @Test
    void closeGracefullyWithTheInterruptFlagSetClosesAndKeepsTheFlag() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult baseline = Forks.baseline(CloseWhileInterrupted.class, endpoint.scenarioArgs()).run();
            JvmResult guarded = Forks.guarded(CloseWhileInterrupted.class, endpoint.scenarioArgs()).run();
            try {
                // The defect: the interrupt cancels the close; server and transport threads stay, the JVM hangs.
                ScenarioReport before = baseline.report();
                assertEquals("false", before.get("closed"), baseline::describe);
                assertNotEquals(List.of(), before.list("liveChildren"), baseline::describe);
                assertNotEquals(List.of(), before.list("leakedThreads"), baseline::describe);
                assertFalse(baseline.exitedByItself(), baseline::describe);

                assertCleanWithAgent(guarded);
                ScenarioReport report = guarded.report();
                assertEquals("true", report.get("closed"), guarded::describe);
                assertEquals("true", report.get("interruptedAfter"), guarded::describe);
                assertEquals(0, report.getLong("serversAliveAfterClose"), guarded::describe);
                assertWithinCloseBound(guarded, "closeMs");
            } finally {
                Leftovers.killReportedChildren(baseline);
            }
        }
    }

    /**
     * Two threads call closeGracefully() at once. The SDK copes with this by itself (both true); with the agent
     * they join one close on the owner, which is counted once.
     */
    @Test
    void twoThreadsClosingAtOnceJoinOneClose() {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult baseline = Forks.baseline(ConcurrentClose.class, endpoint.scenarioArgs()).run();
            JvmResult guarded = Forks.guarded(ConcurrentClose.class, endpoint.scenarioArgs()).run();
            try {
                ScenarioReport before = baseline.report();
                assertEquals("true", before.get("closedA"), baseline::describe);
                assertEquals("true", before.get("closedB"), baseline::describe);

                assertCleanWithAgent(guarded);
                ScenarioReport report = guarded.report();
                assertEquals("true", report.get("closedA"), guarded::describe);
                assertEquals("true", report.get("closedB"), guarded::describe);
                assertEquals(1, report.counter("closes.marshalled"), guarded::describe);
                assertEquals(1, report.counter("sessions.closed"), guarded::describe);
                assertEquals(0, report.getLong("serversAliveAfterClose"), guarded::describe);
                assertWithinCloseBound(guarded, "closeMs");
            } finally {
                Leftovers.killReportedChildren(baseline);
            }
        }
    }
}
