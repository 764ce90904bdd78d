package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A well-behaved open/call/close session works the same with the agent as without, on every transport. */
class SessionsIT {

    /** What the app saw of the session; the agent must not change any of it. */
    private static final String[] OUTCOME = {"tools", "echo", "closed", "failure"};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Transport.STDIO, Jdk.CURRENT),
                Arguments.of(Transport.STREAMABLE, Jdk.CURRENT),
                Arguments.of(Transport.SSE, Jdk.CURRENT),
                Arguments.of(Transport.STDIO, Jdk.JDK_25));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void openCallCloseIsUnchangedAndCountedByTheAgent(Transport transport, Jdk jdk) {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = transport.open()) {
            JvmResult baseline = ForkedJvm.app(OpenCallClose.class, endpoint.scenarioArgs())
                    .javaHome(jdk.home()).withoutAgent().run();
            JvmResult guarded = ForkedJvm.app(OpenCallClose.class, endpoint.scenarioArgs())
                    .javaHome(jdk.home()).withAgent().run();

            assertClean(baseline);
            ScenarioReport expected = baseline.report();
            assertTrue(expected.getLong("tools") > 0, baseline::describe);
            assertEquals("ok", expected.get("echo"), baseline::describe);
            assertEquals("true", expected.get("closed"), baseline::describe);

            assertCleanWithAgent(guarded);
            ScenarioReport report = guarded.report();
            assertEquals(expected.select(OUTCOME), report.select(OUTCOME), guarded::describe);
            assertTrue(report.getLong("sessionsOpened") >= 1, guarded::describe);
            assertEquals(report.getLong("sessionsOpened"), report.getLong("sessionsClosed"), guarded::describe);
        }
    }
}
