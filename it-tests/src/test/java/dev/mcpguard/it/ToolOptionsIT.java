package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.LaunchesSecondJvm;
import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.GuardCli;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * mcp-guard added the way containers add agents, {@code JAVA_TOOL_OPTIONS}, with its settings in a properties file (a
 * mounted ConfigMap) and in {@code MCP_GUARD_*} variables: it starts exactly as under {@code -javaagent}, in every JVM
 * that inherits the variable, and stays out of mcp-guard's own command line.
 */
class ToolOptionsIT {

    private static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS: ";
    private static final Pattern JVM_LINE = Pattern.compile("Picked up |OpenJDK 64-Bit Server VM |Java HotSpot");
    private static final String[] OUTCOME = {"tools", "echo", "closed", "failure"};

    /** What a ConfigMap mounted as a file would hold. */
    private static Path configFile() throws IOException {
        Path dir = Files.createDirectories(ItPaths.itDir().resolve("tool-options"));
        return Files.writeString(dir.resolve("mcp-guard.properties"), "close-timeout=2s\n");
    }

    private static String toolOptions(Path config) {
        return "-javaagent:" + ItPaths.agentJar() + "=config=" + config;
    }

    /** Same run with the flag and with the variable: same outcome, same agent lines, one line more from the JVM. */
    @Test
    void javaToolOptionsStartsTheAgentExactlyAsTheFlagDoes() throws IOException {
        Path config = configFile();
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult flag = ForkedJvm.app(OpenCallClose.class, endpoint.scenarioArgs())
                    .withAgent("config=" + config).run();
            JvmResult variable = ForkedJvm.app(OpenCallClose.class, endpoint.scenarioArgs())
                    .env(TOOL_OPTIONS, toolOptions(config)).run();

            assertCleanWithAgent(flag);
            assertCleanWithAgent(variable);
            ScenarioReport report = variable.report();
            assertEquals(flag.report().select(OUTCOME), report.select(OUTCOME), variable::describe);
            assertTrue(report.getLong("sessionsOpened") >= 1, variable::describe);
            assertEquals(report.getLong("sessionsOpened"), report.getLong("sessionsClosed"), variable::describe);
            assertTrue(report.counter("closes.marshalled") >= 1, variable::describe);

            AgentLog log = variable.agentLog();
            assertEquals(1, log.bannerStarts().size(), variable::describe);
            assertTrue(log.bannerStarts().get(0).message().contains("started (premain"), variable::describe);
            assertEquals("2s", log.setting("mcp.guard.close-timeout").orElseThrow().value(), variable::describe);
            assertEquals(normalized(agentLines(flag)), normalized(agentLines(variable)),
                    () -> flag.describe() + "\n" + variable.describe());
            List<String> extra = new ArrayList<>(normalized(jvmLines(variable)));
            normalized(jvmLines(flag)).forEach(extra::remove);
            assertEquals(List.of(normalize(PICKED_UP + toolOptions(config))), extra,
                    () -> flag.describe() + "\n" + variable.describe());
        }
    }

    /**
     * A launcher without the SDK that starts the application in a second JVM: both get the agent and print a banner,
     * the launcher's saying there is no SDK; the application's sessions are guarded. With {@code MCP_GUARD_LOG_LEVEL=warn}
     * (an environment variable of the container) neither prints anything of mcp-guard's.
     */
    @Test
    void aLauncherAndTheJvmItStartsBothGetTheAgent() throws IOException {
        Path config = configFile();
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult loud = launcher(endpoint).env(TOOL_OPTIONS, toolOptions(config)).run();
            JvmResult quiet = launcher(endpoint).env(TOOL_OPTIONS, toolOptions(config))
                    .env("MCP_GUARD_LOG_LEVEL", "warn").run();

            for (JvmResult result : List.of(loud, quiet)) {
                assertCleanWithAgent(result);
                assertEquals("ok", result.report().get("echo"), result::describe);
                assertTrue(result.report().counter("closes.marshalled") >= 1, result::describe);
                assertEquals(2, result.stderr().stream().filter(l -> l.startsWith(PICKED_UP)).count(),
                        result::describe);
            }
            AgentLog log = loud.agentLog();
            assertEquals(2, log.bannerStarts().size(), loud::describe);
            assertTrue(log.bannerStarts().stream().allMatch(l -> l.message().contains("started (premain")),
                    loud::describe);
            assertEquals(1, log.bannerLines().stream().filter(l -> l.message().startsWith("  sdk: none")).count(),
                    loud::describe);
            assertEquals(1, log.matching("INFO", "guarding io.modelcontextprotocol.sdk").size(), loud::describe);
            assertEquals(List.of(), quiet.agentLog().lines(), quiet::describe);
        }
    }

    /** {@code java -jar mcp-guard.jar ...} in a container where every JVM gets the agent: no banner in its answer. */
    @Test
    void theCommandLineItselfIgnoresTheAgentItInherits() throws IOException {
        GuardCli.Result version = GuardCli.run(ItPaths.agentJar(), Map.of(TOOL_OPTIONS, toolOptions(configFile())),
                "version");
        assertEquals(0, version.exitCode(), version::describe);
        assertEquals(1, version.stdout().size(), version::describe);
        assertTrue(version.stdout().get(0).startsWith("mcp-guard "), version::describe);
        assertEquals(1, version.stderr().size(), version::describe);
        assertTrue(version.stderr().get(0).startsWith(PICKED_UP), version::describe);
    }

    private static ForkedJvm launcher(Transport.Endpoint endpoint) {
        List<String> application = new ArrayList<>();
        application.add(Jdk.CURRENT.home().resolve("bin").resolve("java").toString());
        application.add("-cp");
        application.add(Classpaths.withSdk().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        application.add(OpenCallClose.class.getName());
        application.addAll(List.of(endpoint.scenarioArgs()));
        return ForkedJvm.app(LaunchesSecondJvm.class, application.toArray(String[]::new))
                .classpath(List.of(ItPaths.itDir().resolve("classes")));
    }

    private static List<String> agentLines(JvmResult result) {
        return result.stderr().stream().filter(l -> l.contains(AgentLog.PREFIX)).collect(Collectors.toList());
    }

    /**
     * What the JVM itself printed. The rest of stderr is the agent's (compared above) and the application's log, which
     * says what the SDK saw when and differs between two runs of the same close.
     */
    private static List<String> jvmLines(JvmResult result) {
        return result.stderr().stream().filter(l -> JVM_LINE.matcher(l).lookingAt()).collect(Collectors.toList());
    }

    /** Pids, times and sizes differ from run to run; the words do not. Sorted: the weaver's line comes when it comes. */
    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(ToolOptionsIT::normalize).sorted().collect(Collectors.toList());
    }

    private static String normalize(String line) {
        return line.replaceAll("\\d+", "N");
    }
}
