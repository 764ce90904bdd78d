package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.json.Json;
import dev.mcpguard.agent.json.JsonReader;
import dev.mcpguard.agent.status.SessionInfo;
import dev.mcpguard.agent.status.StatusSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static StatusSnapshot figures() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("closes.marshalled", 2L);
        counters.put("sessions.opened", 3L);
        return new StatusSnapshot("0.1.0", "agentmain", "io.modelcontextprotocol.sdk:mcp-core 2.1.0",
                List.of(new SessionInfo(1, "StdioClientTransport", "node (pid 99)", "mcp-guard-owner-1", 1500, false)),
                counters, 0);
    }

    @Test
    void jsonHasEveryFigure() {
        assertEquals("{\"pid\":4711,\"version\":\"0.1.0\",\"startedBy\":\"agentmain\","
                + "\"sdk\":\"io.modelcontextprotocol.sdk:mcp-core 2.1.0\",\"sessionsOpen\":1,"
                + "\"sessions\":[{\"id\":1,\"transport\":\"StdioClientTransport\",\"server\":\"node (pid 99)\","
                + "\"owner\":\"mcp-guard-owner-1\",\"ageMillis\":1500,\"adopted\":false}],"
                + "\"counters\":{\"closes.marshalled\":2,\"sessions.opened\":3},\"adviceErrors\":0}",
                StatusReport.json(4711, figures()));
    }

    @Test
    void jsonOfNoSessionsAndNoCounters() {
        StatusSnapshot empty = new StatusSnapshot("0.1.0", "premain", "", List.of(), Map.of(), 0);
        String json = StatusReport.json(1, empty);
        assertTrue(json.contains("\"sessionsOpen\":0,\"sessions\":[],\"counters\":{}"), json);
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Json.quote("a\"b\\c\nd\u0001"));
        assertEquals("null", Json.quote(null));
    }

    /** The agent writes the snapshot, the command line reads it: what goes in comes out. */
    @Test
    void theSnapshotReadsBackAsWritten() {
        Object read = JsonReader.read(Json.write(figures().toMap()));
        assertEquals(figures().toMap(), StatusSnapshot.fromMap((Map<?, ?>) read).toMap());
        assertEquals(List.of("a\"b\\c\nd\u0001", 1L, 2.5, true, Map.of()),
                JsonReader.read(" [ \"a\\\"b\\\\c\\nd\\u0001\" , 1, 2.5 ,true, {} ] "));
    }

    @Test
    void aMalformedSnapshotIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read("{\"nonce\":\"x\""));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read("{} x"));
        assertThrows(IllegalArgumentException.class, () -> StatusSnapshot.fromMap(Map.of("version", "0.1.0")));
    }

    @Test
    void textNamesSessionsAndCounters() {
        List<String> text = StatusReport.text(4711, figures());
        assertEquals("mcp-guard 0.1.0 in pid 4711 (agentmain), guarding io.modelcontextprotocol.sdk:mcp-core 2.1.0",
                text.get(0));
        assertEquals("sessions open: 1", text.get(1));
        assertTrue(text.get(2).contains("#1  StdioClientTransport  server node (pid 99)  owner mcp-guard-owner-1"
                + "  age 1.5 s"), text.get(2));
        assertTrue(text.contains("  closes.marshalled 2"), text.toString());
    }
}
