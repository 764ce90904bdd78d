package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Version;

/**
 * Runs {@link HotPathBenchmark} in forks without and with {@code -javaagent:<agent jar>}, one fork per benchmark at
 * a time, the sides in ABBA order (raw, agent, agent, raw, ...) so that drift of a shared machine falls on both.
 * Each side's measurement iterations of all its forks are pooled, as JMH pools its forks: score = mean,
 * error = half the 99.9% confidence interval.
 *
 * <p>Arguments: {@code <agent jar> <bench dir> <forks per side> <warm-up iterations> <measurement iterations>
 * <seconds per iteration>}. Writes {@code hotpath-<benchmark>-<side>.txt} (µs/op, one line per measurement
 * iteration), {@code hotpath.properties} (scores and settings, for {@link HotPathResults}) and
 * {@code hotpath-jmh.log} (JMH's own output), and fails unless every fork passed its {@link AgentInFork} check.
 */
public final class HotPath {

    static final String[] BENCHMARKS = {"callTool", "rootsListChanged"};
    static final String[] SIDES = {"raw", "agent"};
    /** The same for both sides: a fixed heap, so that heap sizing is not one more difference between forks. */
    private static final String[] JVM_ARGS = {"-Xms256m", "-Xmx256m"};

    public static void main(String[] args) throws IOException, RunnerException {
        Path agentJar = Path.of(args[0]).toAbsolutePath();
        Path dir = Path.of(args[1]);
        int forks = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measurement = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("no agent jar " + agentJar);
        }
        Files.createDirectories(dir);
        Path verified = dir.resolve("hotpath-verified.txt");
        Files.deleteIfExists(verified);

        Map<String, List<Double>> scores = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 2 * forks; i++) {
            // ABBA: pairs alternate which side goes first.
            String side = SIDES[(i % 2) ^ ((i / 2) % 2)];
            order.add(side);
            List<String> sideArgs = new ArrayList<>(List.of("-D" + AgentInFork.SIDE + "=" + side,
                    "-D" + AgentInFork.VERIFIED + "=" + verified.toAbsolutePath()));
            if (side.equals("agent")) {
                sideArgs.add(0, "-javaagent:" + agentJar);
            }
            System.err.println("[hotpath] fork " + (i + 1) + "/" + (2 * forks) + ": " + side);
            Options options = new OptionsBuilder()
                    .include(Pattern.quote(HotPathBenchmark.class.getName()) + "\\.")
                    .forks(1)
                    .warmupIterations(warmup)
                    .warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(measurement)
                    .measurementTime(TimeValue.seconds(seconds))
                    .threads(1)
                    .jvmArgs(JVM_ARGS)
                    .jvmArgsAppend(sideArgs.toArray(new String[0]))
                    .shouldFailOnError(true)
                    .output(dir.resolve("hotpath-jmh-" + (i + 1) + "-" + side + ".log").toString())
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            for (RunResult result : results) {
                String benchmark = shortName(result.getParams().getBenchmark());
                List<Double> fork = new ArrayList<>();
                for (BenchmarkResult forkResult : result.getBenchmarkResults()) {
                    for (IterationResult iteration : forkResult.getIterationResults()) {
                        fork.add(toMicros(iteration.getPrimaryResult().getScore(),
                                result.getParams().getTimeUnit()));
                    }
                }
                Samples.of(fork).appendTo(dir.resolve("hotpath-" + benchmark + "-" + side + ".txt"));
                scores.computeIfAbsent(benchmark + "." + side, k -> new ArrayList<>()).addAll(fork);
                System.err.println("[hotpath]   " + benchmark + " " + side + ": " + Samples.of(fork).summary()
                        .replace("ms", "µs"));
            }
        }

        List<String> checks = Files.exists(verified) ? Files.readAllLines(verified) : List.of();
        long agentForks = checks.stream().filter(l -> l.contains("verified: agent:")).count();
        long rawForks = checks.stream().filter(l -> l.contains("verified: raw:")).count();
        long expected = (long) forks * BENCHMARKS.length;
        if (agentForks != expected || rawForks != expected) {
            throw new IllegalStateException("expected " + expected + " verified forks per side, got " + rawForks
                    + " raw and " + agentForks + " with the agent; see " + verified);
        }

        Properties out = new Properties();
        out.setProperty("hotpath.forks", String.valueOf(forks));
        out.setProperty("hotpath.order", String.join(",", order));
        out.setProperty("hotpath.warmup", warmup + " × " + seconds + " s");
        out.setProperty("hotpath.measurement", measurement + " × " + seconds + " s");
        out.setProperty("hotpath.jmh", Version.getPlainVersion());
        out.setProperty("hotpath.agent.check", checks.stream().filter(l -> l.contains("verified: agent:"))
                .reduce((a, b) -> b).orElse("").replaceFirst(".*verified: agent: ", ""));
        for (String benchmark : BENCHMARKS) {
            for (String side : SIDES) {
                List<Double> pooled = scores.get(benchmark + "." + side);
                if (pooled == null) {
                    throw new IllegalStateException("no results for " + benchmark + " " + side);
                }
                ListStatistics statistics = new ListStatistics();
                pooled.forEach(statistics::addValue);
                String key = "hotpath." + benchmark + "." + side;
                out.setProperty(key + ".score", format(statistics.getMean()));
                out.setProperty(key + ".error", format(statistics.getMeanErrorAt(0.999)));
                out.setProperty(key + ".n", String.valueOf(statistics.getN()));
            }
        }
        try (Writer writer = Files.newBufferedWriter(dir.resolve("hotpath.properties"))) {
            out.store(writer, "HotPath: µs/op, mean and 99.9% error over every measurement iteration of a side");
        }
        for (String benchmark : BENCHMARKS) {
            System.out.println("MCPGUARD-BENCH hotpath " + benchmark + " raw " + out.getProperty("hotpath." + benchmark
                    + ".raw.score") + " ± " + out.getProperty("hotpath." + benchmark + ".raw.error") + " µs/op, agent "
                    + out.getProperty("hotpath." + benchmark + ".agent.score") + " ± "
                    + out.getProperty("hotpath." + benchmark + ".agent.error") + " µs/op");
        }
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static double toMicros(double score, TimeUnit unit) {
        return score * unit.toNanos(1) / 1000.0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
