package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conformance results of one SDK, without and with the agent, as the Markdown the README's "Protocol
 * conformance" section is made from: one row per scenario, then one row per check. Rewritten after every scenario,
 * so a run that stops early still leaves what it measured.
 */
public final class ConformanceTable {

    private final String title;
    private final Path file;
    private final Map<String, ConformanceOutcome> without = new LinkedHashMap<>();
    private final Map<String, ConformanceOutcome> with = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    public ConformanceTable(String title, Path file) {
        this.title = title;
        this.file = file;
    }

    public synchronized void record(ConformanceOutcome withoutAgent, ConformanceOutcome withAgent) {
        without.put(withoutAgent.scenario(), withoutAgent);
        with.put(withAgent.scenario(), withAgent);
        write();
    }

    public synchronized void skipped(String scenario, String reason) {
        skipped.put(scenario, reason);
        write();
    }

    private void write() {
        List<String> lines = new ArrayList<>();
        lines.add("## " + title);
        lines.add("");
        lines.add("| scenario | without the agent | with the agent |");
        lines.add("| --- | --- | --- |");
        without.keySet().forEach(s -> lines.add("| `" + s + "` | " + verdict(without.get(s)) + " | " + verdict(with.get(s)) + " |"));
        lines.add("");
        // One line per reason: the auth scenarios share theirs, and a table row each would repeat it fourteen times.
        skipped.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, LinkedHashMap::new,
                        Collectors.mapping(e -> "`" + e.getKey() + "`", Collectors.toList())))
                .forEach((reason, scenarios) -> lines.add("Skipped (" + reason + "): " + String.join(", ", scenarios)
                        + "."));
        lines.add("");
        lines.add("| scenario | check | without the agent | with the agent |");
        lines.add("| --- | --- | --- | --- |");
        for (String scenario : without.keySet()) {
            Set<String> ids = new LinkedHashSet<>();
            without.get(scenario).verdicts().forEach(c -> ids.add(c.id()));
            with.get(scenario).verdicts().forEach(c -> ids.add(c.id()));
            for (String id : ids) {
                lines.add("| `" + scenario + "` | `" + id + "` | " + status(without.get(scenario), id) + " | "
                        + status(with.get(scenario), id) + " |");
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** "pass", or "FAIL" with what failed or warned and how the client ended. */
    private static String verdict(ConformanceOutcome outcome) {
        if (outcome.passed()) {
            return "pass";
        }
        List<String> reasons = outcome.verdicts().stream()
                .filter(c -> c.status().equals("FAILURE") || c.status().equals("WARNING"))
                .map(c -> c.id() + " " + c.status())
                .collect(Collectors.toList());
        outcome.clientFailure().ifPresent(f -> reasons.add("client " + f));
        return "**FAIL**" + (reasons.isEmpty() ? "" : ": " + String.join(", ", reasons));
    }

    private static String status(ConformanceOutcome outcome, String checkId) {
        return outcome.status(checkId).orElse("(not made)");
    }
}
