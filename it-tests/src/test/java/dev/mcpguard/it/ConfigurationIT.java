package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrorsIfLoaded;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcpguard.it.app.PlainHost;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where configuration comes from, which source wins, and what bad input does to the host. */
class ConfigurationIT {

    private static final String CLOSE_TIMEOUT = "mcp.guard.close-timeout";
    private static final String ENV_CLOSE_TIMEOUT = "MCP_GUARD_CLOSE_TIMEOUT";

    @TempDir
    Path dir;

    /** The host is the SDK-less PlainHost: configuration must not depend on the SDK being there. */
    private static ForkedJvm host() {
        return ForkedJvm.app(PlainHost.class).classpath(Classpaths.withoutSdk());
    }

    private Path propertiesFile(String... lines) throws IOException {
        return Files.write(dir.resolve("mcp-guard.properties"), List.of(lines));
    }

    @Nested
    class Precedence {

        @Test
        void agentArgumentsWinOverSystemPropertyEnvironmentAndFile() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            JvmResult result = host()
                    .withAgent("mcp.guard.close-timeout=1s;config=" + file)
                    .sysProp(CLOSE_TIMEOUT, "2s")
                    .env(ENV_CLOSE_TIMEOUT, "3s")
                    .run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(1), "agent arguments");
        }

        @Test
        void systemPropertyWinsOverEnvironmentAndFile() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            JvmResult result = host()
                    .withAgent()
                    .sysProp(CLOSE_TIMEOUT, "2s")
                    .sysProp("mcp.guard.configuration-file", file.toString())
                    .env(ENV_CLOSE_TIMEOUT, "3s")
                    .run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(2), "system property");
        }

        @Test
        void environmentWinsOverFile() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            JvmResult result = host()
                    .withAgent()
                    .env("MCP_GUARD_CONFIGURATION_FILE", file.toString())
                    .env(ENV_CLOSE_TIMEOUT, "3s")
                    .run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(3), "environment variable " + ENV_CLOSE_TIMEOUT);
        }

        @Test
        void fileWinsOverDefault() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            JvmResult result = host()
                    .withAgent()
                    .sysProp("mcp.guard.configuration-file", file.toString())
                    .run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(4), fileSource(file));
        }

        @Test
        void defaultWhenNoSourceSetsTheKey() {
            JvmResult result = host().withAgent().run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(5), "default");
        }
    }

    @Nested
    class AgentArguments {

        @Test
        void keysMayDropTheMcpGuardPrefix() {
            JvmResult result = host().withAgent("close-timeout=3s;strict=false").run();
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(3), "agent arguments");
            AgentLog.Setting strict = setting(result, "mcp.guard.strict");
            assertEquals("false", strict.value(), result::describe);
            assertEquals("agent arguments", strict.source(), result::describe);
        }

        @Test
        void configIsAnAliasOfConfigurationFile() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            JvmResult result = host().withAgent("config=" + file).run();
            AgentLog.Setting configurationFile = setting(result, "mcp.guard.configuration-file");
            assertTrue(configurationFile.value().endsWith(file.getFileName().toString()), result::describe);
            assertEquals("agent arguments", configurationFile.source(), result::describe);
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(4), fileSource(file));
        }

        @ParameterizedTest(name = "close-timeout={0}")
        @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M"})
        void durationsTakeMillisecondsSecondsAndMinutes(String value, Duration expected) {
            JvmResult result = host().withAgent("close-timeout=" + value).run();
            assertSetting(result, CLOSE_TIMEOUT, expected, "agent arguments");
        }
    }

    @Nested
    class BadInput {

        /** What sits under an unknown key may be a secret of something else: the key is named, its value never. */
        @Test
        void unknownKeyFromSystemProperty() {
            JvmResult result = host().withAgent().sysProp("mcp.guard.clse-timeout", "4711ms").run();
            assertRejected(result, "mcp.guard.clse-timeout from system property", "unknown key");
            assertNotPrinted(result, "4711ms");
        }

        @Test
        void unknownKeyFromFile() throws IOException {
            Path file = propertiesFile("mcp.guard.clse-timeout=4711ms");
            JvmResult result = host().withAgent("config=" + file).run();
            assertRejected(result, "mcp.guard.clse-timeout from file ", file.getFileName().toString(), "unknown key");
            assertNotPrinted(result, "4711ms");
        }

        @Test
        void unknownKeyFromAgentArguments() {
            JvmResult result = host().withAgent("clse-timeout=4711ms").run();
            assertRejected(result, "clse-timeout from agent arguments", "unknown key");
            assertNotPrinted(result, "4711ms");
        }

        @Test
        void malformedDuration() {
            JvmResult result = host().withAgent("close-timeout=abc").run();
            assertRejected(result, "mcp.guard.close-timeout = 'abc' from agent arguments", "not a duration");
        }

        @Test
        void missingConfigurationFile() {
            Path missing = dir.resolve("no-such.properties");
            JvmResult result = host().withAgent("config=" + missing).run();
            assertRejected(result, "mcp.guard.configuration-file = '" + missing + "' from agent arguments", "cannot read");
        }

        @Test
        void configurationFileThatIsADirectory() {
            JvmResult result = host().withAgent("config=" + dir).run();
            assertRejected(result, "mcp.guard.configuration-file = '" + dir + "' from agent arguments", "cannot read");
        }

        @Test
        void configurationFileWithoutReadPermission() throws IOException {
            Path file = propertiesFile(CLOSE_TIMEOUT + "=4s");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            // root reads the file anyway; the directory case above covers unreadable files there.
            assumeFalse(Files.isReadable(file), "the file stays readable (running as root)");
            JvmResult result = host().withAgent("config=" + file).run();
            assertRejected(result, "mcp.guard.configuration-file = '" + file + "' from agent arguments", "cannot read");
        }

        @ParameterizedTest(name = "agent argument ''{0}''")
        @ValueSource(strings = {"foo", "=5s"})
        void malformedAgentArgument(String argument) {
            JvmResult result = host().withAgent(argument).run();
            assertRejected(result, "agent argument '" + argument + "' from agent arguments", "expected key=value");
        }
    }

    /**
     * The environment is shared with every other tool, which may keep its secrets in MCP_GUARD_* variables too: one
     * WARN names such a variable, its value goes nowhere (no line, no system property), and the agent runs, strict
     * or not.
     */
    @Nested
    class SharedEnvironment {

        private static final String TOKEN = "MCP_GUARD_TOKEN";
        private static final String SECRET = "s3cr3t-value";

        @ParameterizedTest(name = "agent arguments ''{0}''")
        @ValueSource(strings = {"close-timeout=2s", "close-timeout=2s;strict=true"})
        void anUnknownVariableIsOneWarningWithoutItsValue(String agentArguments) {
            JvmResult result = ForkedJvm.app(PlainHost.class, PlainHost.PROPERTIES_HOLDING, TOKEN)
                    .classpath(Classpaths.withoutSdk())
                    .withAgent(agentArguments)
                    .env(TOKEN, SECRET)
                    .run();

            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(2), "agent arguments");
            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
            List<AgentLog.Line> warnings = result.agentLog().matching("WARN", TOKEN);
            assertEquals(1, warnings.size(), result::describe);
            assertTrue(warnings.get(0).message().startsWith("environment variable " + TOKEN + " is not an mcp-guard"
                    + " setting and is ignored"), result::describe);
            assertNotPrinted(result, SECRET);
            assertEquals("", result.report().get("propertiesHolding"), result::describe);
        }

        @Test
        void aMisspelledVariableIsAWarningThatSuggestsTheSetting() {
            JvmResult result = host().withAgent().env("MCP_GUARD_CLSE_TIMEOUT", "4711ms").run();

            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
            List<AgentLog.Line> warnings = result.agentLog().matching("WARN", "MCP_GUARD_CLSE_TIMEOUT");
            assertEquals(1, warnings.size(), result::describe);
            assertTrue(warnings.get(0).message().contains("did you mean MCP_GUARD_CLOSE_TIMEOUT?"), result::describe);
            assertNotPrinted(result, "4711ms");
            assertSetting(result, CLOSE_TIMEOUT, Duration.ofSeconds(5), "default");
        }
    }

    @Test
    void strictModeStopsTheJvmOnBadInput() {
        JvmResult result = host().withAgent("strict=true;close-timeout=abc").run();
        List<AgentLog.Line> errors = result.agentLog().configurationErrors();

        assertTrue(result.exitedByItself(), result::describe);
        assertEquals(Integer.valueOf(1), result.exitCode(), result::describe);
        assertEquals(1, errors.size(), result::describe);
        assertTrue(errors.get(0).message().contains("mcp.guard.close-timeout = 'abc' from agent arguments"), result::describe);
        assertTrue(errors.get(0).message().endsWith("mcp.guard.strict=true, so the JVM does not start"), result::describe);
        assertFalse(result.stdout().contains(PlainHost.RAN), result::describe);
        assertFalse(result.hasReport(), result::describe);
    }

    /** Exactly one configuration ERROR naming key, value and source; no banner; the host as without the agent. */
    private static void assertRejected(JvmResult result, String... fragments) {
        List<AgentLog.Line> errors = result.agentLog().configurationErrors();
        assertEquals(1, errors.size(), () -> "one configuration error\n" + result.describe());
        String message = errors.get(0).message();
        assertAll(List.of(fragments).stream().map(fragment -> () ->
                assertTrue(message.contains(fragment), () -> "'" + fragment + "' in: " + message)));
        assertEquals(List.of(), result.agentLog().bannerStarts(), () -> "no banner\n" + result.describe());
        assertTrue(result.stdout().contains(PlainHost.RAN), result::describe);
        assertClean(result);
        assertNoAdviceErrorsIfLoaded(result);
    }

    private static void assertNotPrinted(JvmResult result, String value) {
        assertFalse(result.stderr().stream().anyMatch(l -> l.contains(value)), () -> value + " printed\n"
                + result.describe());
        assertFalse(result.stdout().stream().anyMatch(l -> l.contains(value)), () -> value + " printed\n"
                + result.describe());
    }

    private static void assertSetting(JvmResult result, String key, Duration value, String source) {
        assertEquals(List.of(), result.agentLog().configurationErrors(), result::describe);
        AgentLog.Setting setting = setting(result, key);
        assertEquals(value, setting.durationValue(), result::describe);
        assertEquals(source, setting.source(), result::describe);
        assertTrue(result.stdout().contains(PlainHost.RAN), result::describe);
        assertCleanWithAgent(result);
    }

    private static AgentLog.Setting setting(JvmResult result, String key) {
        return result.agentLog().setting(key)
                .orElseThrow(() -> new AssertionError("no banner line for " + key + "\n" + result.describe()));
    }

    private static String fileSource(Path file) {
        return "file " + file;
    }
}
