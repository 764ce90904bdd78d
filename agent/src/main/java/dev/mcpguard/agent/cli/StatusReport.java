package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.json.Json;
import dev.mcpguard.agent.status.SessionInfo;
import dev.mcpguard.agent.status.StatusSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code status} shows the figures of the JVM {@code pid}: lines for people, one JSON object for machines. */
final class StatusReport {

    private StatusReport() {
    }

    static List<String> text(long pid, StatusSnapshot figures) {
        List<String> lines = new ArrayList<>();
        lines.add("mcp-guard " + figures.version() + " in pid " + pid + " (" + figures.startedBy() + ")"
                + (figures.sdk().isEmpty() ? "" : ", guarding " + figures.sdk()));
        lines.add("sessions open: " + figures.sessions().size());
        for (SessionInfo s : figures.sessions()) {
            lines.add("  #" + s.getId() + "  " + s.getTransport() + "  server " + s.getServer() + "  owner "
                    + s.getOwner() + "  age " + seconds(s.getAgeMillis())
                    + (s.isAdopted() ? " (since adopted: opened before attach)" : ""));
        }
        lines.add("counters:" + (figures.counters().isEmpty() ? " none yet" : ""));
        figures.counters().forEach((name, value) -> lines.add("  " + name + " " + value));
        lines.add("advice errors: " + figures.adviceErrors());
        return lines;
    }

    static String json(long pid, StatusSnapshot figures) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("pid", pid);
        object.putAll(figures.toMap());
        return Json.write(object);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
