package dev.mcpguard.it.harness;

import dev.mcpguard.it.app.Report;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parsed {@code MCPGUARD-IT-REPORT k=v ...} line a scenario app prints at its end. */
public final class ScenarioReport {

    private final Map<String, String> values;

    private ScenarioReport(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Finds and parses the report line in a JVM's stdout.
     *
     * @throws IllegalArgumentException if there is more than one report line or one is malformed
     */
    public static Optional<ScenarioReport> parse(List<String> stdout) {
        return parse(stdout, Report.PREFIX);
    }

    /** The same for a line a scenario printed under another prefix ({@code Report.line(prefix)}). */
    public static Optional<ScenarioReport> parse(List<String> stdout, String prefix) {
        List<String> reports = stdout.stream()
                .filter(line -> line.equals(prefix) || line.startsWith(prefix + " "))
                .collect(Collectors.toList());
        if (reports.size() > 1) {
            throw new IllegalArgumentException("more than one " + prefix + " line: " + reports);
        }
        return reports.stream().findFirst().map(line -> parseLine(line, prefix));
    }

    static ScenarioReport parseLine(String line) {
        return parseLine(line, Report.PREFIX);
    }

    private static ScenarioReport parseLine(String line, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(prefix.length()).trim().split(" +")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + pair + "' in " + line);
            }
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new ScenarioReport(values);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new AssertionError("report has no '" + key + "': " + values));
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new AssertionError("report value " + key + "='" + value + "' is not a number", e);
        }
    }

    /** A comma-separated value as a list; empty for an empty value. */
    public List<String> list(String key) {
        String value = get(key);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    /**
     * The agent's counters ({@code counters=name:value,...}, GuardCounters.snapshot() when the scenario ended).
     * Empty without the agent.
     */
    public Map<String, Long> counters() {
        String value = get("counters");
        if (value.equals("unreadable")) {
            throw new AssertionError("the agent's counters could not be read: " + values);
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String entry : list("counters")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new AssertionError("counter entry is not name:value: '" + entry + "' in " + values);
            }
            counters.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
        }
        return counters;
    }

    /** One agent counter; a counter that never moved is 0. */
    public long counter(String name) {
        return counters().getOrDefault(name, 0L);
    }

    public Map<String, String> values() {
        return values;
    }

    /** Only the given keys, for comparing the functional outcome of two runs. */
    public Map<String, String> select(String... keys) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String key : keys) {
            selected.put(key, values.get(key));
        }
        return selected;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
