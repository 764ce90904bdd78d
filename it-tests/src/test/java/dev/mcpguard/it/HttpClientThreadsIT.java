package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.HttpClientThreads;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Transport;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HttpClient an HTTP transport built for itself is shut down with the transport (java-sdk #620): on JDK 21+ with
 * its public {@code shutdownNow()}, on JDK 17 through its selector manager, which the JDK has no public way to end.
 */
class HttpClientThreadsIT {

    /** The measurement: 20 Streamable HTTP sessions opened and closed one after the other on JDK 17. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"closeGracefully", "close"})
    void onJdk17TwentySessionsLeaveNoHttpClientThread(String close) {
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open()) {
            JvmResult baseline = ForkedJvm.app(HttpClientThreads.class, endpoint.scenarioArgs("20", close))
                    .withoutAgent().run();
            assertClean(baseline);
            assertFalse(baseline.report().list("httpClientThreads").isEmpty(), baseline::describe);

            JvmResult guarded = ForkedJvm.app(HttpClientThreads.class, endpoint.scenarioArgs("20", close))
                    .withAgent().run();
            assertCleanWithAgent(guarded);
            assertEquals("true", guarded.report().get("closed"), guarded::describe);
            assertEquals(List.of(), guarded.report().list("httpClientThreads"), guarded::describe);
            System.out.println("HttpClientThreadsIT: JDK 17, 20 sessions ended by " + close + "(): " + baseline.report()
                    .list("httpClientThreads").size() + " HttpClient threads left without the agent, 0 with it");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STREAMABLE", "SSE"})
    void theTransportsHttpClientThreadsEndWithTheSession(Transport transport) {
        assumeTrue(Jdk.JDK_25.available(), "needs JDK 21+; JDK 25 is not installed");
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult baseline = ForkedJvm.app(HttpClientThreads.class, endpoint.scenarioArgs())
                    .javaHome(Jdk.JDK_25.home()).withoutAgent().run();
            assertClean(baseline);
            assertFalse(baseline.report().list("httpClientThreads").isEmpty(), baseline::describe);

            JvmResult guarded = ForkedJvm.app(HttpClientThreads.class, endpoint.scenarioArgs())
                    .javaHome(Jdk.JDK_25.home()).withAgent().run();
            assertCleanWithAgent(guarded);
            assertEquals("true", guarded.report().get("closed"), guarded::describe);
            assertEquals(List.of(), guarded.report().list("httpClientThreads"), guarded::describe);
        }
    }
}
