package dev.mcpguard.it.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The results a scenario hands back to the test: one line {@code MCPGUARD-IT-REPORT k=v k=v ...}
 * with URL-encoded values, so a value may hold spaces or '=' and the line still splits on blanks.
 */
public final class Report {

    public static final String PREFIX = "MCPGUARD-IT-REPORT";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final TreeSet<Long> childrenSeen = new TreeSet<>();

    public synchronized void put(String key, String value) {
        if (key.isEmpty() || !key.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("report keys are alphanumeric: '" + key + "'");
        }
        values.put(key, value == null ? "null" : value);
    }

    public void put(String key, long value) {
        put(key, Long.toString(value));
    }

    public void put(String key, boolean value) {
        put(key, Boolean.toString(value));
    }

    /**
     * Remembers the JVM's current child processes, so the harness can check after the JVM ended
     * that each of them is gone too. Call it while a session is open; children exit at close.
     */
    public synchronized void noteChildren() {
        childrenSeen.addAll(ScenarioApp.liveDescendants());
    }

    synchronized List<Long> childrenSeen() {
        return new ArrayList<>(childrenSeen);
    }

    synchronized String line() {
        return line(PREFIX);
    }

    /**
     * The values under another prefix: for what a scenario reports after its main report, from a shutdown hook
     * (the harness reads it with {@code ScenarioReport.parse(stdout, prefix)}).
     */
    public synchronized String line(String prefix) {
        StringBuilder line = new StringBuilder(prefix);
        values.forEach((k, v) -> line.append(' ').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return line.toString();
    }
}
