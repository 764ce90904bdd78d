package dev.mcpguard.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReportTest {

    @Test
    void parsesUrlEncodedValuesAndLists() {
        ScenarioReport report = ScenarioReport.parse(List.of(
                "host output",
                "MCPGUARD-IT-REPORT tools=13 failure=java.lang.RuntimeException%3A+a%3Db children=12,34 leakedThreads=",
                "more output")).orElseThrow();

        assertEquals(13, report.getLong("tools"));
        assertEquals("java.lang.RuntimeException: a=b", report.get("failure"));
        assertEquals(List.of("12", "34"), report.list("children"));
        assertEquals(List.of(), report.list("leakedThreads"));
    }

    @Test
    void absentWithoutAReportLine() {
        assertTrue(ScenarioReport.parse(List.of("MCPGUARD-IT-REPORTED nothing")).isEmpty());
    }

    @Test
    void rejectsTwoReportLines() {
        assertThrows(IllegalArgumentException.class,
                () -> ScenarioReport.parse(List.of("MCPGUARD-IT-REPORT a=1", "MCPGUARD-IT-REPORT a=2")));
    }

    @Test
    void aMissingKeyFailsTheTest() {
        ScenarioReport report = ScenarioReport.parse(List.of("MCPGUARD-IT-REPORT a=1")).orElseThrow();
        assertThrows(AssertionError.class, () -> report.get("b"));
    }

    @Test
    void readsTheAgentsCounters() {
        ScenarioReport report = ScenarioReport.parse(List.of(
                "MCPGUARD-IT-REPORT counters=closes.handed-over%3A1%2Csessions.opened%3A2")).orElseThrow();
        assertEquals(1, report.counter("closes.handed-over"));
        assertEquals(2, report.counter("sessions.opened"));
        assertEquals(0, report.counter("terminations.forced"));
    }

    @Test
    void noCountersWithoutTheAgent() {
        ScenarioReport report = ScenarioReport.parse(List.of("MCPGUARD-IT-REPORT counters=")).orElseThrow();
        assertTrue(report.counters().isEmpty());
        assertEquals(0, report.counter("sessions.opened"));
    }
}
