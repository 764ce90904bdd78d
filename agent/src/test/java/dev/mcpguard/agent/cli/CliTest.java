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
    void helpIsTheDefault() {
        assertEquals(0, run());
        assertTrue(out.toString().startsWith("usage: java -jar mcp-guard.jar"));
    }
}
