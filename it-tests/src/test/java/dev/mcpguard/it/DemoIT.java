package dev.mcpguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo gateway's planned-reconnects scenario, as a user runs it from the README: without the agent its
 * reconnect loops give both servers up; with the agent and the demo's properties file they keep both.
 */
class DemoIT {

    private static final Path DEMO_APP = ItPaths.serversDir().getParent();
    private static final List<Path> DEMO_JAR = List.of(DEMO_APP.resolve("target/mcp-guard-demo.jar"));
    private static final String[] ARGS = {"--scenario", "planned-reconnects", "--reconnects", "8"};
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private static ForkedJvm demo() {
        return new ForkedJvm().classpath(DEMO_JAR).main("dev.mcpguard.demo.DemoGateway", ARGS);
    }

    @Test
    void withoutTheAgentPlannedReconnectsLoseTheServers() {
        JvmResult result = demo().withoutAgent().run(LIMIT);
        assertEquals(Integer.valueOf(1), result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("  servers lost     2 of 2"), result::describe);
    }

    @Test
    void withTheAgentTheDemoKeepsEveryServerAndLeaksNothing() {
        JvmResult result = demo().withAgent("config=" + DEMO_APP.resolve("mcp-guard.properties")).run(LIMIT);
        assertEquals(Integer.valueOf(0), result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("  servers lost     0 of 2"), result::describe);
        assertTrue(result.stdout().contains("  leaks            child processes 0, non-daemon threads 0"),
                result::describe);
        assertTrue(result.stdout().stream().filter(line -> line.contains("planned reconnects  8, failures counted 0, kept"))
                .count() == 2, result::describe);
    }
}
