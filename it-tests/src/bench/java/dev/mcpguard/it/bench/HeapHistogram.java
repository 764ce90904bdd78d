package dev.mcpguard.it.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class: {@code jcmd <pid> GC.class_histogram}, asked in-process through the same
 * diagnostic command MBean, so it runs a full GC first and counts only what is retained.
 */
final class HeapHistogram {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)");
    /** The agent's classes: its own and the bootstrap's (not this benchmark's, dev.mcpguard.it). */
    private static final String AGENT = "dev.mcpguard.";
    private static final String NOT_AGENT = "dev.mcpguard.it.";

    final Map<String, long[]> byClass;
    final long totalBytes;

    private HeapHistogram(Map<String, long[]> byClass, long totalBytes) {
        this.byClass = byClass;
        this.totalBytes = totalBytes;
    }

    static HeapHistogram take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("GC.class_histogram failed", e);
        }
        Map<String, long[]> byClass = new HashMap<>();
        long total = -1;
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                byClass.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                continue;
            }
            Matcher sum = TOTAL.matcher(line);
            if (sum.find()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new IllegalStateException("no Total in GC.class_histogram");
        }
        return new HeapHistogram(byClass, total);
    }

    /** Bytes, and instances, of the agent's own classes. */
    long[] agentClasses() {
        long[] sum = new long[2];
        byClass.forEach((name, v) -> {
            if (name.startsWith(AGENT) && !name.startsWith(NOT_AGENT)) {
                sum[0] += v[0];
                sum[1] += v[1];
            }
        });
        return sum;
    }

    /** Per class, {instances, bytes} of this histogram minus {@code before}'s. */
    Map<String, long[]> minus(HeapHistogram before) {
        Map<String, long[]> delta = new HashMap<>();
        byClass.forEach((name, v) -> {
            long[] b = before.byClass.getOrDefault(name, new long[2]);
            delta.put(name, new long[] {v[0] - b[0], v[1] - b[1]});
        });
        before.byClass.forEach((name, b) -> delta.putIfAbsent(name, new long[] {-b[0], -b[1]}));
        return delta;
    }
}
