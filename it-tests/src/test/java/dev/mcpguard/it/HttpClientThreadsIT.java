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

/** On JDK 21+ the HttpClient an HTTP transport built for itself is shut down with the transport (java-sdk #620). */
class HttpClientThreadsIT {

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
