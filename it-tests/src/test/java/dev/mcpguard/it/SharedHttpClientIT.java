package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.SharedHttpClient;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Transport;
import org.junit.jupiter.api.Test;

/**
 * A host whose {@code HttpClient.Builder} shares one client among its transports: closing one session must leave
 * that client to the host (JDK 25, where the agent shuts down the clients transports built for themselves; see
 * HttpClientThreadsIT for those).
 */
class SharedHttpClientIT {

    @Test
    void closingOneSessionLeavesTheSharedClientToTheOthers() {
        assumeTrue(Jdk.JDK_25.available(), "needs JDK 21+; JDK 25 is not installed");
        try (Transport.Endpoint endpoint = Transport.STREAMABLE.open()) {
            JvmResult baseline = ForkedJvm.app(SharedHttpClient.class, endpoint.scenarioArgs())
                    .javaHome(Jdk.JDK_25.home()).withoutAgent().run();
            assertClean(baseline);
            assertEquals("returned", baseline.report().get("secondAfterFirstClosed"), baseline::describe);
            assertEquals("false", baseline.report().get("sharedClientTerminated"), baseline::describe);
            assertHostsCloseReturned(baseline);

            JvmResult guarded = ForkedJvm.app(SharedHttpClient.class, endpoint.scenarioArgs())
                    .javaHome(Jdk.JDK_25.home()).withAgent().run();
            assertCleanWithAgent(guarded);
            assertEquals("true", guarded.report().get("firstClosed"), guarded::describe);
            assertEquals("returned", guarded.report().get("secondAfterFirstClosed"), guarded::describe);
            assertEquals("false", guarded.report().get("sharedClientTerminated"), guarded::describe);
            assertEquals("true", guarded.report().get("secondClosed"), guarded::describe);
            assertHostsCloseReturned(guarded);
            assertTrue(guarded.report().counter("closes.marshalled") >= 2, guarded::describe);
            assertFalse(guarded.stderr().stream().anyMatch(line -> line.contains("[mcp-guard] WARN")),
                    guarded::describe);
        }
    }

    /**
     * The host's own close of its shared client, at the end (the app waits for it 5 s at most): it returns, except on
     * the SDK releases before 2.1, whose stream reading can leave the JDK's client counting a request pending for good
     * when the session's close cancels a stream the server is ending at that instant (by hand, SDK 2.0.1 on JDK 25:
     * 10 host closes of 120 never returned without the agent, 19 of 120 with it; 2.1.0, 0 of 80 either way). There it
     * must only not throw.
     */
    private static void assertHostsCloseReturned(JvmResult result) {
        String closed = result.report().get("sharedClientClosed");
        if (ItPaths.sdkBefore21()) {
            assertTrue("true".equals(closed) || "false".equals(closed), result::describe);
        } else {
            assertEquals("true", closed, result::describe);
        }
    }
}
