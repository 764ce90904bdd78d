package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void settingsListsEveryKey() {
        assertEquals(0, run("settings"));
        Settings.all().forEach(s -> assertTrue(out.toString().contains(s.key()), s.key()));
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("unknown command 'frobnicate'"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"list", "attach", "status", "doctor", "settings", "version"}) {
            out.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out.toString().startsWith("usage: java -jar mcp-guard.jar " + command), command);
        }
    }

    @Test
    void attachWithABadSettingFailsBeforeAttaching() {
        assertEquals(2, run("attach", "1", "close-timeout=soon"));
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().startsWith("mcp-guard: mcp.guard.close-timeout = 'soon': not a duration"),
                err.toString());
    }

    @Test
    void attachWithAnUnknownKeyNamesIt() {
        assertEquals(2, run("attach", "1", "clse-timeout=2s"));
        assertTrue(err.toString().contains("mcp.guard.clse-timeout"), err.toString());
    }

    @Test
    void attachToAPidThatDoesNotExist() {
        assertEquals(3, run("attach", "999999999"));
        assertEquals("mcp-guard: no process has pid 999999999 ('list' shows the JVMs)", err.toString().strip());
    }

    @Test
    void statusWithoutPidIsAUsageError() {
        assertEquals(2, run("status"));
        assertEquals(1, err.toString().strip().lines().count());
    }

    @Test
    void helpIsTheDefault() {
        assertEquals(0, run());
        assertTrue(out.toString().startsWith("usage: java -jar mcp-guard.jar"));
    }
}
