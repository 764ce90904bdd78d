package dev.mcpguard.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLogTest {

    private static final List<String> STDERR = List.of(
            "[main] INFO io.modelcontextprotocol.client.McpAsyncClient - unrelated",
            "[mcp-guard] INFO mcp-guard 0.1.0-SNAPSHOT started (premain)",
            "[mcp-guard] INFO   sdk: io.modelcontextprotocol.sdk:mcp-core 2.1.0 on the system class path",
            "[mcp-guard] INFO   mcp.guard.close-timeout = 2m (environment variable MCP_GUARD_CLOSE_TIMEOUT)",
            "[mcp-guard] INFO   mcp.guard.configuration-file = /tmp/a (b).properties (agent arguments)",
            "[mcp-guard] INFO   instrumentation sessions: applied",
            "[mcp-guard] WARN something odd",
            "[mcp-guard] ERROR configuration: mcp.guard.close-timeout = 'abc' from agent arguments: not a duration");

    private final AgentLog log = AgentLog.parse(STDERR);

    @Test
    void keepsOnlyAgentLinesWithTheirLevel() {
        assertEquals(7, log.lines().size());
        assertEquals(1, log.at("WARN").size());
        assertEquals("something odd", log.at("WARN").get(0).message());
    }

    @Test
    void separatesTheBannerFromOtherLines() {
        assertEquals(1, log.bannerStarts().size());
        assertEquals(5, log.bannerLines().size());
    }

    @Test
    void readsSettingsWithTheirSource() {
        AgentLog.Setting timeout = log.setting("mcp.guard.close-timeout").orElseThrow();
        assertEquals(Duration.ofMinutes(2), timeout.durationValue());
        assertEquals("environment variable MCP_GUARD_CLOSE_TIMEOUT", timeout.source());
        assertEquals("/tmp/a (b).properties", log.setting("mcp.guard.configuration-file").orElseThrow().value());
        assertTrue(log.setting("mcp.guard.strict").isEmpty());
    }

    @Test
    void findsConfigurationErrors() {
        assertEquals(1, log.configurationErrors().size());
    }

    @Test
    void findsAgentLinesAfterForeignOutputOnTheSameLine() {
        AgentLog mixed = AgentLog.parse(List.of("partial slf4j output[mcp-guard] ERROR configuration: x"));
        assertEquals(1, mixed.configurationErrors().size());
    }

    @Test
    void durationsInIsoFormAreUnderstoodToo() {
        assertEquals(Duration.ofMillis(500), new AgentLog.Setting("k", "PT0.5S", "default").durationValue());
        assertEquals(Duration.ofMillis(500), new AgentLog.Setting("k", "500ms", "default").durationValue());
    }
}
