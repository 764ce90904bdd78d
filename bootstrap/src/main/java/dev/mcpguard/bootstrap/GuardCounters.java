package dev.mcpguard.bootstrap;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's running figures (sessions opened, closes marshalled, forced terminations, ...), kept where every
 * class loader and every tool (tests, the status command, JMX) can read them.
 */
public final class GuardCounters {

    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private GuardCounters() {
    }

    public static void increment(String name) {
        COUNTERS.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    public static long get(String name) {
        AtomicLong counter = COUNTERS.get(name);
        return counter == null ? 0 : counter.get();
    }

    /** Every counter that has moved, by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        COUNTERS.forEach((name, value) -> copy.put(name, value.get()));
        return copy;
    }
}
