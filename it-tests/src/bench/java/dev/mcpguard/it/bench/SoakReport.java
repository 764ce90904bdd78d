package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's table (soak.sh): for every demo run, what its summary says (reconnects, failures counted, how the loop
 * ended, leaks) and how its resident memory and live threads compare between the first and the last half of the
 * reconnects asked for, against the goal of staying within 10%.
 *
 * <p>Arguments: {@code <soak dir>}, holding soak.properties and per run {@code <side>-<transport>.log},
 * {@code .samples} (lines of: ms since start, planned reconnects so far, VmRSS in kB, threads), {@code .exit} and
 * {@code .ms}.
 */
public final class SoakReport {

    private static final double GOAL = 0.10;
    private static final int THREAD_NAMES_SHOWN = 8;
    private static final int TREND_PARTS = 10;
    private static final List<String> SIDES = List.of("agent", "raw");
    private static final List<String> TRANSPORTS = List.of("stdio", "streamable-http");
    private static final Pattern LEAKS = Pattern.compile("^  leaks +child processes (\\d+), non-daemon threads (\\d+)");

    /** One sample of the demo JVM, taken from /proc/<pid>/status. */
    record Sample(long millis, int reconnects, long rssKb, int threads) {
        static Sample parse(String line) {
            String[] f = line.trim().split("\\s+");
            return new Sample(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
        }
    }

    /** The median of one quantity over the first and the last half of the reconnects asked for. */
    record Halves(double first, double last, int firstCount, int lastCount) {
        static Halves of(List<Sample> samples, int target, ToDoubleFunction<Sample> value) {
            List<Double> first = new ArrayList<>();
            List<Double> last = new ArrayList<>();
            for (Sample sample : samples) {
                (sample.reconnects() < target / 2 ? first : last).add(value.applyAsDouble(sample));
            }
            return new Halves(first.isEmpty() ? Double.NaN : Samples.of(first).median(),
                    last.isEmpty() ? Double.NaN : Samples.of(last).median(), first.size(), last.size());
        }

        double ratio() {
            return last / first;
        }

        boolean withinGoal() {
            return Math.abs(ratio() - 1) <= GOAL;
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Properties run = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("soak.properties"))) {
            run.load(reader);
        }
        int target = Integer.parseInt(run.getProperty("reconnects"));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Soak of %s on %s CPUs (nproc), %s memory, Linux; %s; the demo's"
                + " planned-reconnects, %d planned reconnects asked for per server, keepalive %s ms, one demo JVM per"
                + " transport (%s) side by side; resident memory (VmRSS) and threads (Threads) from /proc/<pid>/status every"
                + " %s s; load average %s before, %s after; %s minutes in all.%n%n",
                run.getProperty("date"), run.getProperty("cpus"), run.getProperty("memory"), run.getProperty("java"),
                target, run.getProperty("keepalive.ms"), run.getProperty("transports"), run.getProperty("sample.s"), run.getProperty("load.before"),
                run.getProperty("load.after"), run.getProperty("minutes")));
        md.append("| server | agent | planned reconnects | failures counted | loop ended | leaks: child processes,"
                + " non-daemon threads | time | RSS median, first half → last half | threads median, first half → last"
                + " half | verdict |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String side : SIDES) {
            for (String transport : TRANSPORTS) {
                Path log = dir.resolve(side + "-" + transport + ".log");
                if (Files.exists(log)) {
                    md.append(row(dir, side, transport, target)).append('\n');
                }
            }
        }
        md.append(String.format(Locale.ROOT, "%nHalves: the samples taken while the server's planned reconnects so far"
                + " (from the demo's progress line every 10) were below %d, and those at or above it until its loop"
                + " closed; the goal is each median of the last half within %.0f%% of the first half's, with every"
                + " reconnect made, 0 failures counted and 0 leaks.%n", target / 2, GOAL * 100));
        for (String side : SIDES) {
            for (String transport : TRANSPORTS) {
                Path samples = dir.resolve(side + "-" + transport + ".samples");
                if (Files.exists(samples)) {
                    md.append(trend(side + "-" + transport, readSamples(samples), target));
                }
                Path threads = dir.resolve(side + "-" + transport + ".threads");
                if (Files.exists(threads)) {
                    md.append(threadNames(side + "-" + transport, Files.readAllLines(threads)));
                }
            }
        }
        System.out.print(md);
    }

    private static String row(Path dir, String side, String transport, int target) throws IOException {
        String run = side + "-" + transport;
        List<String> log = Files.readAllLines(dir.resolve(run + ".log"));
        Pattern serverLine = Pattern.compile("^  " + Pattern.quote(transport)
                + " +planned reconnects +(\\d+), failures counted (\\d+), (.*)$");
        Matcher server = first(log, serverLine);
        Matcher leaks = first(log, LEAKS);
        List<Sample> samples = readSamples(dir.resolve(run + ".samples"));
        String exit = Files.readString(dir.resolve(run + ".exit")).trim();
        double minutes = Long.parseLong(Files.readString(dir.resolve(run + ".ms")).trim()) / 60_000.0;
        if (server == null) {
            return String.format(Locale.ROOT, "| %s | %s | no summary (exit code %s; see %s.log) | | | | %.1f min | | |"
                    + " **goal not met** |", transport, side, exit, run, minutes);
        }
        int reconnects = Integer.parseInt(server.group(1));
        int failures = Integer.parseInt(server.group(2));
        String leakText = leaks == null ? "?" : leaks.group(1) + ", " + leaks.group(2);
        boolean noLeaks = leaks != null && "0".equals(leaks.group(1)) && "0".equals(leaks.group(2));
        String time = String.format(Locale.ROOT, "%.1f min (%.2f s per reconnect)", minutes,
                minutes * 60 / Math.max(1, reconnects));
        if (reconnects < target) {
            // Without the agent this is the expected end (the loop gives up after 5 counted failures): no soak to judge.
            String verdict = "agent".equals(side) ? "**not met**: the loop ended after " + reconnects
                    : "no soak: the loop ended after " + reconnects;
            return String.format(Locale.ROOT, "| %s | %s | %d of %d | %d | %s | %s | %s | – (%d samples: no second half)"
                    + " | – | %s |", transport, side, reconnects, target, failures, server.group(3), leakText, time,
                    samples.size(), verdict);
        }
        Halves rss = Halves.of(samples, target, sample -> sample.rssKb() / 1024.0);
        Halves threads = Halves.of(samples, target, Sample::threads);
        boolean met = failures == 0 && noLeaks && rss.withinGoal() && threads.withinGoal();
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %.0f MB → %.0f MB (%s; n=%d, %d) |"
                + " %.0f → %.0f (%s; n=%d, %d) | %s |", transport, side, reconnects, failures, server.group(3), leakText,
                time, rss.first(), rss.last(), ratio(rss), rss.firstCount(), rss.lastCount(), threads.first(),
                threads.last(), ratio(threads), threads.firstCount(), threads.lastCount(), met ? "met"
                        : "**not met**");
    }

    private static List<Sample> readSamples(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                samples.add(Sample.parse(line));
            }
        }
        return samples;
    }

    /**
     * The medians per tenth of the reconnects asked for: a ramp that levels off (the JVM warming up) reads differently
     * from a steady climb (a leak), though both move the halves' ratio.
     */
    private static String trend(String run, List<Sample> samples, int target) {
        int tenth = Math.max(1, target / TREND_PARTS);
        List<String> rss = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        for (int part = 0; part < TREND_PARTS; part++) {
            int from = part * tenth;
            int to = part == TREND_PARTS - 1 ? Integer.MAX_VALUE : from + tenth;
            List<Double> rssPart = new ArrayList<>();
            List<Double> threadsPart = new ArrayList<>();
            for (Sample sample : samples) {
                if (sample.reconnects() >= from && sample.reconnects() < to) {
                    rssPart.add(sample.rssKb() / 1024.0);
                    threadsPart.add((double) sample.threads());
                }
            }
            if (!rssPart.isEmpty()) {
                rss.add(String.format(Locale.ROOT, "%.0f", Samples.of(rssPart).median()));
                threads.add(String.format(Locale.ROOT, "%.0f", Samples.of(threadsPart).median()));
            }
        }
        if (rss.size() < 2) {
            return "";
        }
        return String.format(Locale.ROOT, "%nMedians of %s per %d reconnects: RSS %s MB; threads %s.%n", run, tenth,
                String.join(", ", rss), String.join(", ", threads));
    }

    /** The run's last count of threads by name: a first line saying when, then "count name" lines, most first. */
    private static String threadNames(String run, List<String> lines) {
        if (lines.size() < 2) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (String line : lines.subList(1, Math.min(lines.size(), 1 + THREAD_NAMES_SHOWN))) {
            String[] f = line.trim().split("\\s+", 2);
            names.add(f.length == 2 ? f[1] + " " + f[0] : line.trim());
        }
        return String.format(Locale.ROOT, "%nThreads of %s by name (jcmd Thread.print, digits as N), %s: %s%s.%n", run,
                lines.get(0).replace(":", ""), String.join(", ", names),
                lines.size() > 1 + THREAD_NAMES_SHOWN ? ", ..." : "");
    }

    private static String ratio(Halves halves) {
        return String.format(Locale.ROOT, "×%.3f, %s", halves.ratio(), halves.withinGoal() ? "within 10%"
                : "**not within 10%**");
    }

    private static Matcher first(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        return null;
    }
}
