package dev.mcpguard.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code status} shows {@link GuardFigures}: lines for people, one JSON object for machines. */
final class StatusReport {

    private StatusReport() {
    }

    static List<String> text(GuardFigures figures) {
        List<String> lines = new ArrayList<>();
        lines.add("mcp-guard " + figures.version() + " in pid " + figures.pid() + " (" + figures.startedBy() + ")"
                + (figures.sdk().isEmpty() ? "" : ", guarding " + figures.sdk()));
        lines.add("sessions open: " + figures.sessions().size());
        for (GuardFigures.Session s : figures.sessions()) {
            lines.add("  #" + s.id() + "  " + s.transport() + "  server " + s.server() + "  owner " + s.owner()
                    + "  age " + seconds(s.ageMillis()) + (s.adopted() ? " (since adopted: opened before attach)" : ""));
        }
        lines.add("counters:" + (figures.counters().isEmpty() ? " none yet" : ""));
        figures.counters().forEach((name, value) -> lines.add("  " + name + " " + value));
        lines.add("advice errors: " + figures.adviceErrors());
        return lines;
    }

    static String json(GuardFigures figures) {
        String sessions = figures.sessions().stream()
                .map(s -> new Json().begin()
                        .field("id", s.id())
                        .field("transport", s.transport())
                        .field("server", s.server())
                        .field("owner", s.owner())
                        .field("ageMillis", s.ageMillis())
                        .field("adopted", s.adopted())
                        .end())
                .collect(Collectors.joining(",", "[", "]"));
        return new Json().begin()
                .field("pid", figures.pid())
                .field("version", figures.version())
                .field("startedBy", figures.startedBy())
                .field("sdk", figures.sdk())
                .field("sessionsOpen", figures.sessions().size())
                .raw("sessions", sessions)
                .raw("counters", Json.numbers(figures.counters()))
                .field("adviceErrors", figures.adviceErrors())
                .end();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
