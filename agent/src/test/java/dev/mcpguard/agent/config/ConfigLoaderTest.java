package dev.mcpguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        GuardConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(5), config.get(Settings.CLOSE_TIMEOUT));
        assertEquals(Origin.DEFAULT, config.origin(Settings.CLOSE_TIMEOUT));
        assertTrue(config.enabled(Feature.SESSIONS));
    }

    @Test
    void precedenceIsArgumentsThenPropertiesThenEnvironmentThenFileThenDefault() throws Exception {
        Path file = write("mcp.guard.close-timeout=4s\n");
        Map<String, String> env = Map.of("MCP_GUARD_CLOSE_TIMEOUT", "3s",
                "MCP_GUARD_CONFIGURATION_FILE", file.toString());
        Map<String, String> props = Map.of("mcp.guard.close-timeout", "2s");

        assertEquals(Duration.ofSeconds(1),
                ConfigLoader.load("close-timeout=1s", props, env).get(Settings.CLOSE_TIMEOUT));
        assertEquals(Duration.ofSeconds(2), ConfigLoader.load(null, props, env).get(Settings.CLOSE_TIMEOUT));
        GuardConfig fromEnv = ConfigLoader.load(null, Map.of(), env);
        assertEquals(Duration.ofSeconds(3), fromEnv.get(Settings.CLOSE_TIMEOUT));
        assertEquals("environment variable MCP_GUARD_CLOSE_TIMEOUT", fromEnv.origin(Settings.CLOSE_TIMEOUT).toString());
        GuardConfig fromFile = ConfigLoader.load("config=" + file, Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(4), fromFile.get(Settings.CLOSE_TIMEOUT));
        assertEquals("file " + file.toAbsolutePath(), fromFile.origin(Settings.CLOSE_TIMEOUT).toString());
    }

    @Test
    void agentArgumentsTakeKeysWithOrWithoutPrefix() throws Exception {
        GuardConfig config = ConfigLoader.load(" close-timeout = 500ms ;mcp.guard.log.level=debug;", Map.of(), Map.of());
        assertEquals(Duration.ofMillis(500), config.get(Settings.CLOSE_TIMEOUT));
        assertEquals("debug", config.get(Settings.LOG_LEVEL).toString());
    }

    @Test
    void fileKeysMayDropThePrefixToo() throws Exception {
        Path file = write("close-timeout=2m\nsessions.enabled=false\n");
        GuardConfig config = ConfigLoader.load(null, Map.of("mcp.guard.configuration-file", file.toString()), Map.of());
        assertEquals(Duration.ofMinutes(2), config.get(Settings.CLOSE_TIMEOUT));
        assertFalse(config.enabled(Feature.SESSIONS));
    }

    @Test
    void malformedValueNamesKeyValueAndSource() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load("close-timeout=abc", Map.of(), Map.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString()
                .startsWith("mcp.guard.close-timeout = 'abc' from agent arguments: not a duration"), e.getMessage());
        assertFalse(e.strict());
    }

    @Test
    void unknownKeysAreReportedWithoutTheirValues() throws IOException {
        Path file = write("mcp.guard.nonsense=file-secret\n");
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> ConfigLoader.load(
                "clse-timeout=argument-secret;config=" + file,
                Map.of("mcp.guard.log.levle", "property-secret"),
                Map.of()));
        String all = e.problems().toString();
        assertEquals(3, e.problems().size(), all);
        assertTrue(all.contains("mcp.guard.clse-timeout from agent arguments: unknown key (did you mean mcp.guard.close-timeout?)"), all);
        assertTrue(all.contains("mcp.guard.log.levle from system property: unknown key (did you mean mcp.guard.log.level?)"), all);
        assertTrue(all.contains("mcp.guard.nonsense from file " + file.toAbsolutePath() + ": unknown key"), all);
        assertFalse(all.contains("secret"), all);
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    /** The environment is shared with other tools: an unknown MCP_GUARD_* variable is theirs, not a typo to fail on. */
    @Test
    void unknownEnvironmentVariablesAreOneWarningEachWithoutTheirValues() throws Exception {
        List<String> warnings = new ArrayList<>();
        GuardConfig config = ConfigLoader.load("strict=true", Map.of(),
                Map.of("MCP_GUARD_TOKEN", "s3cr3t-value", "MCP_GUARD_CLSE_TIMEOUT", "7s"), warnings);
        assertEquals(Duration.ofSeconds(5), config.get(Settings.CLOSE_TIMEOUT));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.contains("environment variable MCP_GUARD_TOKEN is not an mcp-guard setting and is ignored;"
                + " its value is not shown"), warnings::toString);
        assertTrue(warnings.contains("environment variable MCP_GUARD_CLSE_TIMEOUT is not an mcp-guard setting and is"
                + " ignored (did you mean MCP_GUARD_CLOSE_TIMEOUT?); its value is not shown"), warnings::toString);
        assertFalse(warnings.toString().contains("s3cr3t") || warnings.toString().contains("7s"), warnings::toString);
    }

    @Test
    void warningsAreGivenAlsoWhenTheConfigurationIsInvalid() {
        List<String> warnings = new ArrayList<>();
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> ConfigLoader.load("close-timeout=abc",
                Map.of(), Map.of("MCP_GUARD_TOKEN", "s3cr3t-value"), warnings));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void malformedAgentArgumentIsNamed() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load("foo;=1", Map.of(), Map.of()));
        assertEquals("agent argument 'foo' from agent arguments: expected key=value, with several separated by ';'",
                e.problems().get(0).toString());
        assertEquals("agent argument '=1'", e.problems().get(1).subject());
    }

    @Test
    void missingAndUnreadableFilesAreProblemsOfTheFileKey() {
        InvalidConfiguration missing = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load("config=" + dir.resolve("none.properties"), Map.of(), Map.of()));
        assertTrue(missing.problems().get(0).toString().startsWith("mcp.guard.configuration-file = '"
                + dir.resolve("none.properties") + "' from agent arguments: cannot read the file (no such file)"));
        InvalidConfiguration directory = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load(null, Map.of("mcp.guard.configuration-file", dir.toString()), Map.of()));
        assertTrue(directory.problems().get(0).toString().contains("from system property: cannot read the file"));
    }

    @Test
    void strictIsHonouredEvenWhenOtherValuesAreBad() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load("close-timeout=abc", Map.of("mcp.guard.strict", "true"), Map.of()));
        assertTrue(e.strict());
    }

    @Test
    void aWrongValueIsReportedEvenWhereAHigherSourceOverridesIt() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> ConfigLoader.load("close-timeout=1s", Map.of("mcp.guard.close-timeout", "soon"), Map.of()));
        assertEquals(Origin.SYSTEM_PROPERTY, e.problems().get(0).origin());
    }

    @Test
    void zeroDurationsAndBadBooleansAreRejected() {
        assertThrows(InvalidConfiguration.class, () -> ConfigLoader.load("close-timeout=0s", Map.of(), Map.of()));
        assertThrows(InvalidConfiguration.class, () -> ConfigLoader.load("enabled=yes", Map.of(), Map.of()));
        assertThrows(InvalidConfiguration.class, () -> ConfigLoader.load("log.level=loud", Map.of(), Map.of()));
    }

    @Test
    void describeListsEveryKeyWithValueAndOrigin() throws Exception {
        GuardConfig config = ConfigLoader.load("close-timeout=2m", Map.of(), Map.of());
        assertEquals(Settings.all().size(), config.describe().size());
        assertTrue(config.describe().contains("mcp.guard.close-timeout = 2m (agent arguments)"));
        assertTrue(config.describe().contains("mcp.guard.log.file = (none) (default)"));
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "guard", ".properties");
        Files.writeString(file, content);
        return file;
    }
}
