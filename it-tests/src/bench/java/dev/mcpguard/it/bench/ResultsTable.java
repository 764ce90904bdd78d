package dev.mcpguard.it.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes {@code results.md} from the samples files run.sh left in the bench folder, and judges each figure against
 * the goal of issue 7. Every figure is the agent's run against the run without it from the same script run.
 *
 * <p>Arguments: {@code <bench dir>}; {@code run.properties} there holds what only the script knows (SDK version,
 * timing tool, close-timeout, load averages).
 */
public final class ResultsTable {

    /** Start-up goal: +5% of the median or +100 ms, whichever is larger. */
    private static final double STARTUP_RATIO = 0.05;
    private static final double STARTUP_FLOOR_MS = 100;
    /** Healthy close goal: within 5 ms of the raw SDK. */
    private static final double CLOSE_SLACK_MS = 5;
    /** Frozen close goal: close-timeout plus under 200 ms. */
    private static final double FROZEN_SLACK_MS = 200;

    private final Path dir;
    private final Properties run = new Properties();
    private final List<String> out = new ArrayList<>();

    private ResultsTable(Path dir) throws IOException {
        this.dir = dir;
        try (var in = Files.newBufferedReader(dir.resolve("run.properties"))) {
            run.load(in);
        }
    }

    public static void main(String[] args) throws IOException {
        ResultsTable table = new ResultsTable(Path.of(args[0]));
        table.render();
        Path results = table.dir.resolve("results.md");
        Files.write(results, table.out);
        table.out.forEach(System.out::println);
    }

    private void render() {
        out.add("Measured " + run.getProperty("date") + " on " + machine() + "; JDK " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + "), SDK " + run.getProperty("sdk") + ". The machine was"
                + " shared with other test suites (load average " + run.getProperty("load.before") + " before, "
                + run.getProperty("load.after") + " after), so every figure is a median with its spread, and the runs"
                + " with and without the agent alternate.");
        out.add("");
        out.add("| what | without agent: median (min–max) | with agent: median (min–max) | difference of medians | goal | verdict |");
        out.add("| --- | --- | --- | --- | --- | --- |");
        startup("start-up: client JVM (stdio server-everything, initialize, tools/list, one call, close, exit)", "startup-occ");
        startup("start-up: demo app, basic run (stdio + Streamable HTTP, 6 echo calls each, close, exit)", "startup-demo");
        healthyClose("close: healthy stdio session", "close-stdio");
        healthyClose("close: healthy Streamable HTTP session", "close-streamable");
        frozenClose();
        out.add("");
        out.add("Start-up rows: " + run.getProperty("startup.runs") + " runs each after " + run.getProperty("startup.warmup")
                + " warm-up runs, timed by " + run.getProperty("timer") + ". Close rows: sessions opened one after the"
                + " other in a forked JVM, each closed with `closeGracefully()` after initialize and one echo call, timed with"
                + " `System.nanoTime()` around the close only; the first sessions of each JVM are warm-up and not counted."
                + " With the agent: `-javaagent:agent/target/mcp-guard.jar=close-timeout=" + run.getProperty("close.timeout")
                + "`.");
        quietFailures();
        out.add("");
        out.add("Classes loaded by the start-up client (`-Xlog:class+load`): " + run.getProperty("classes.raw")
                + " without the agent, " + run.getProperty("classes.agent") + " with it, of which "
                + run.getProperty("classes.agent.bytebuddy") + " are the agent's shaded Byte Buddy and "
                + run.getProperty("classes.agent.own") + " the agent's own.");
        HotPathResults.render(dir, out);
        AttachResults.render(dir, out);
        RecoveryScaleTable.render(dir, out);
    }

    /** Sessions CloseLatency had to reopen because tools/list_changed never came; they are not in the figures. */
    private void quietFailures() {
        List<String> seen = new ArrayList<>();
        run.stringPropertyNames().stream().filter(k -> k.startsWith("quiet.failures.")).sorted()
                .filter(k -> !run.getProperty(k).equals("0"))
                .forEach(k -> seen.add(k.substring("quiet.failures.".length()) + ": " + run.getProperty(k)));
        if (!seen.isEmpty()) {
            out.add("");
            out.add("Sessions reopened because server-everything's tools/list_changed did not arrive within 10 s (not"
                    + " timed, not in the figures): " + String.join(", ", seen) + ".");
        }
    }

    private void startup(String what, String series) {
        Samples.Sides sides = Samples.Sides.read(dir, series);
        Samples raw = sides.raw();
        Samples agent = sides.agent();
        double allowed = Math.max(raw.median() * STARTUP_RATIO, STARTUP_FLOOR_MS);
        double diff = agent.median() - raw.median();
        row(what, raw, agent, signed(diff) + String.format(Locale.ROOT, " ms (%+.1f%%)", 100 * diff / raw.median()),
                String.format(Locale.ROOT, "≤ +%.0f ms", allowed), verdict(diff <= allowed, diff - allowed));
    }

    private void healthyClose(String what, String series) {
        Samples.Sides sides = Samples.Sides.read(dir, series);
        Samples raw = sides.raw();
        Samples agent = sides.agent();
        double diff = agent.median() - raw.median();
        row(what + " (p90 " + ms(raw.p90()) + " / " + ms(agent.p90()) + ")", raw, agent, signed(diff) + " ms",
                "≤ +5 ms", verdict(diff <= CLOSE_SLACK_MS, diff - CLOSE_SLACK_MS));
    }

    private void frozenClose() {
        Samples agent = Samples.read(dir.resolve("close-frozen-agent.txt"));
        Path rawFile = dir.resolve("close-frozen-raw.txt");
        String rawCell = Files.exists(rawFile)
                ? ms(Samples.read(rawFile).median()) + " ms, then `false` (the SDK gives up; n=1)"
                : "not run";
        double timeout = Double.parseDouble(run.getProperty("close.timeout.ms"));
        double over = agent.median() - timeout;
        out.add("| close: frozen (SIGSTOP) stdio server (p90 with agent " + ms(agent.p90()) + ") | " + rawCell + " | "
                + cell(agent) + " | close-timeout " + signed(over) + " ms | close-timeout + < 200 ms | "
                + verdict(over < FROZEN_SLACK_MS, over - FROZEN_SLACK_MS) + " |");
    }

    private void row(String what, Samples raw, Samples agent, String diff, String goal, String verdict) {
        out.add("| " + what + " | " + cell(raw) + " | " + cell(agent) + " | " + diff + " | " + goal + " | " + verdict + " |");
    }

    private static String verdict(boolean met, double excess) {
        return met ? "met" : "**not met** (by " + ms(excess) + " ms)";
    }

    private static String cell(Samples s) {
        return ms(s.median()) + " ms (" + ms(s.min()) + "–" + ms(s.max()) + ", n=" + s.count() + ")";
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String signed(double millis) {
        return (millis >= 0 ? "+" : "−") + ms(Math.abs(millis));
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc), "
                + Math.round(memory / (1024.0 * 1024 * 1024)) + " GiB memory, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }
}
