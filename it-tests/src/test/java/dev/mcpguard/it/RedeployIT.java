package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.Redeploy;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A servlet container's redeploy (three deployments, each a fresh class loader with the SDK, one stdio session
 * opened and closed, Reactor's schedulers stopped; the loaders then dropped): the agent must keep no more of the
 * application's class loaders than the plain SDK and the JDK do.
 */
class RedeployIT {

    private static final String ALL_OK = "ok,ok,ok";

    static Stream<Jdk> jdks() {
        return Stream.of(Jdk.CURRENT, Jdk.JDK_25);
    }

    @ParameterizedTest(name = "stdio on {0}")
    @MethodSource("jdks")
    void theAgentKeepsNoLoaderThePlainSdkLetsGo(Jdk jdk) {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult baseline = ForkedJvm.app(Redeploy.class, endpoint.scenarioArgs())
                    .javaHome(jdk.home()).withoutAgent().run();
            JvmResult guarded = Forks.guarded(Redeploy.class, endpoint.scenarioArgs()).javaHome(jdk.home()).run();

            assertClean(baseline);
            ScenarioReport plain = baseline.report();
            assertEquals(ALL_OK, plain.get("results"), baseline::describe);
            if (plain.getLong("javaFeature") < 19) {
                // The JDK's own "process reaper" thread, started by the first deployment's server process, takes
                // that thread's context class loader and keeps it while it idles (up to a minute); JDK 19 made it
                // an InnocuousThread without one (JDK-8279488; 17.0.15 still has it).
                assertTrue(plain.list("keptLoaders").contains("redeploy-1"), baseline::describe);
            } else {
                assertEquals(List.of(), plain.list("keptLoaders"), baseline::describe);
            }

            assertCleanWithAgent(guarded);
            ScenarioReport report = guarded.report();
            assertEquals(ALL_OK, report.get("results"), guarded::describe);
            assertEquals(3, report.getLong("sessionsClosed"), guarded::describe);
            assertTrue(report.getLong("loadersKept") <= plain.getLong("loadersKept"),
                    () -> "the agent keeps " + report.get("keptLoaders") + ", the plain SDK "
                            + plain.get("keptLoaders") + "\n" + guarded.describe());
        }
    }
}
