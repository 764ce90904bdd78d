package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The hot-path section of {@code results.md}, from what {@link HotPath} left in the bench folder
 * ({@code hotpath.properties}, {@code hotpath-<benchmark>-<side>.txt}); nothing if it did not run.
 *
 * <p>Goal of issue 7: no difference beyond noise, and under 1%. Each side's score is the mean of its measured
 * iterations with half its 99.9% confidence interval as error, as JMH prints it; the noise of the difference is the
 * two errors combined. A run whose noise is above 1% can show a cost (not met), but not that there is none below 1%:
 * it says so instead of "met".
 */
final class HotPathResults {

    static final double GOAL_PERCENT = 1.0;

    private static final String[][] ROWS = {
        {"callTool", "hot path: `McpSyncClient.callTool` round trip (request, one-tool SDK server, response)"},
        {"rootsListChanged", "hot path: `McpSyncClient.rootsListChangedNotification()`, one-way send (the SDK"
                + " server's `roots/list` back and the client's answer included)"},
    };

    private HotPathResults() {
    }

    static void render(Path dir, List<String> out) {
        Path file = dir.resolve("hotpath.properties");
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add("");
        out.add("| hot path, in-memory transport, JMH | without agent: score ± error (median, min–max) | with agent:"
                + " score ± error (median, min–max) | difference of scores | goal | verdict |");
        out.add("| --- | --- | --- | --- | --- | --- |");
        for (String[] row : ROWS) {
            String benchmark = row[0];
            double raw = number(p, benchmark, "raw", "score");
            double rawError = number(p, benchmark, "raw", "error");
            double agent = number(p, benchmark, "agent", "score");
            double agentError = number(p, benchmark, "agent", "error");
            double diff = 100 * (agent - raw) / raw;
            double noise = 100 * Math.sqrt(rawError * rawError + agentError * agentError) / raw;
            String verdict;
            if (diff > GOAL_PERCENT && diff > noise) {
                verdict = "**not met** (" + percent(diff) + String.format(Locale.ROOT, ", beyond the noise ±%.1f%%)", noise);
            } else if (noise <= GOAL_PERCENT) {
                verdict = "met";
            } else {
                verdict = String.format(Locale.ROOT, "no difference beyond the noise (±%.1f%%), but this run cannot"
                        + " resolve 1%%", noise);
            }
            out.add("| " + row[1] + " | " + cell(dir, p, benchmark, "raw") + " | " + cell(dir, p, benchmark, "agent")
                    + " | " + percent(diff) + " (" + (agent >= raw ? "+" : "−") + us(Math.abs(agent - raw))
                    + String.format(Locale.ROOT, " µs/op; noise ±%.1f%%)", noise)
                    + " | < +1%, no difference beyond noise | " + verdict + " |");
        }
        out.add("");
        out.add("Hot-path rows: JMH " + p.getProperty("hotpath.jmh") + ", average time per operation, one thread;"
                + " per side " + p.getProperty("hotpath.forks") + " fork(s) of each benchmark, run in the order "
                + p.getProperty("hotpath.order") + ", each with " + p.getProperty("hotpath.warmup") + " of warm-up and "
                + p.getProperty("hotpath.measurement") + " measured; score = mean of all measured iterations of a side,"
                + " error = half its 99.9% confidence interval, as JMH reports. A real SDK client talks to a real"
                + " `McpServer.async` server over `InMemoryMcp`, which hands each message as JSON text to the other"
                + " side on the caller's thread (no process, socket or thread hop). With the agent:"
                + " `-javaagent:agent/target/mcp-guard.jar` (defaults); on this path its only advice is the closed"
                + " guard on `LifecycleInitializer.withInitialization`. Each fork checked itself before it was measured;"
                + " the agent's said: " + p.getProperty("hotpath.agent.check") + ".");
    }

    private static double number(Properties p, String benchmark, String side, String what) {
        String key = "hotpath." + benchmark + "." + side + "." + what;
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("hotpath.properties has no " + key);
        }
        return Double.parseDouble(value);
    }

    private static String cell(Path dir, Properties p, String benchmark, String side) {
        Samples s = Samples.read(dir.resolve("hotpath-" + benchmark + "-" + side + ".txt"));
        return String.format(Locale.ROOT, "%s ± %s µs/op (%s, %s–%s, n=%d)", us(number(p, benchmark, side, "score")),
                us(number(p, benchmark, side, "error")), us(s.median()), us(s.min()), us(s.max()), s.count());
    }

    private static String percent(double value) {
        return (value >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f%%", Math.abs(value));
    }

    private static String us(double micros) {
        return micros >= 100 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.2f", micros);
    }
}
