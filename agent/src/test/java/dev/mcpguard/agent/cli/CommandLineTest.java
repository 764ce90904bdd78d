package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentsMeansHelp() {
        assertEquals("help", CommandLine.parse(new String[0]).command());
        assertEquals("help", CommandLine.parse(new String[] {"--help"}).command());
        assertEquals("help", CommandLine.parse(new String[] {"-h"}).command());
        assertEquals("version", CommandLine.parse(new String[] {"--version"}).command());
    }

    @Test
    void optionsMayStandAnywhereAfterTheCommand() throws CliFailure {
        CommandLine line = CommandLine.parse(new String[] {"status", "--json", "123"});
        assertTrue(line.has("--json"));
        assertEquals(List.of("123"), line.operands());
        assertEquals(123, line.pid(0));
        CommandLine after = CommandLine.parse(new String[] {"status", "123", "--json"});
        assertTrue(after.has("--json"));
        assertEquals(123, after.pid(0));
    }

    @Test
    void helpOnACommand() {
        assertTrue(CommandLine.parse(new String[] {"attach", "--help"}).wantsHelp());
        assertTrue(CommandLine.parse(new String[] {"doctor", "-h"}).wantsHelp());
        assertFalse(CommandLine.parse(new String[] {"doctor", "1"}).wantsHelp());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliFailure failure = assertThrows(CliFailure.class,
                () -> CommandLine.parse(new String[] {"status", "--yaml", "1"}).expect(Set.of("--json"), 1, 1));
        assertEquals(CliFailure.USAGE, failure.code());
        assertTrue(failure.getMessage().contains("unknown option '--yaml' for 'status'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("status --help"), failure.getMessage());
    }

    @Test
    void operandCountsAreChecked() {
        CliFailure missing = assertThrows(CliFailure.class,
                () -> CommandLine.parse(new String[] {"attach"}).expect(Set.of(), 1, Integer.MAX_VALUE));
        assertEquals("'attach' needs a pid; try: java -jar mcp-guard.jar attach --help", missing.getMessage());
        CliFailure extra = assertThrows(CliFailure.class,
                () -> CommandLine.parse(new String[] {"list", "1"}).expect(Set.of(), 0, 0));
        assertTrue(extra.getMessage().startsWith("'list' takes no operand, not '1'"), extra.getMessage());
    }

    @Test
    void pidMustBeAPositiveNumber() {
        for (String bad : new String[] {"abc", "-5", "0", "12x"}) {
            CliFailure failure = assertThrows(CliFailure.class,
                    () -> CommandLine.parse(new String[] {"status", bad}).pid(0), bad);
            assertEquals(CliFailure.USAGE, failure.code());
            assertTrue(failure.getMessage().startsWith("'" + bad + "' is not a process id"), failure.getMessage());
        }
    }

    @Test
    void settingsAreKeyValuePairsAndGetTheirPrefix() throws CliFailure {
        CommandLine line = CommandLine.parse(new String[] {"attach", "42", "close-timeout=2s",
                "mcp.guard.log.level = debug"});
        List<String[]> pairs = line.settings(1);
        assertArrayEquals(new String[] {"close-timeout", "2s"}, pairs.get(0));
        Properties properties = AttachCommand.settings(pairs);
        assertEquals("2s", properties.getProperty("mcp.guard.close-timeout"));
        assertEquals("debug", properties.getProperty("mcp.guard.log.level"));
        assertEquals(2, properties.size());
    }

    @Test
    void aSettingWithoutEqualsIsAUsageError() {
        CliFailure failure = assertThrows(CliFailure.class,
                () -> CommandLine.parse(new String[] {"attach", "42", "close-timeout"}).settings(1));
        assertEquals(CliFailure.USAGE, failure.code());
        assertTrue(failure.getMessage().startsWith("'close-timeout' is not a setting"), failure.getMessage());
    }
}
