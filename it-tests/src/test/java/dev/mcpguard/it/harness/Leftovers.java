package dev.mcpguard.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans up after a scenario that leaked on purpose (a baseline run without the agent): children the JVM reported
 * that are still alive after it ended, a frozen (SIGSTOPped) server among them, are killed with their descendants.
 * Tests call it in {@code finally}, after their assertions looked at the leak.
 */
public final class Leftovers {

    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    private Leftovers() {
    }

    /** @return the pids that were still alive and got killed */
    public static List<Long> killReportedChildren(JvmResult result) {
        if (result == null || !result.hasReport()) {
            return List.of();
        }
        ScenarioReport report = result.report();
        Set<String> reported = new LinkedHashSet<>(report.list("children"));
        reported.addAll(report.list("liveChildren"));
        List<Long> killed = new ArrayList<>();
        for (String pid : reported) {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
            // A pid started after the JVM ended was reused by someone else.
            if (process.isPresent() && process.get().isAlive()
                    && process.get().info().startInstant().map(s -> s.isBefore(result.endedAt())).orElse(false)) {
                killed.addAll(ProcessTrees.kill(process.get(), KILL_LIMIT));
            }
        }
        return killed;
    }
}
