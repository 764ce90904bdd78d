package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * The recovery and scale part of {@code results.md}: what {@link RecoveryBench} and {@link ScaleBench} left in the
 * bench folder, as a table of its own (its figures are counts, bytes and whole-run times, not per-call latencies).
 * Empty when run.sh skipped both ({@code recovery-scale.properties} is missing).
 */
final class RecoveryScaleTable {

    /** Memory goal: what the agent retains per session. */
    private static final double BYTES_PER_SESSION = 2048;
    /** What may stay per closed and dropped session: the capacity of the registry's hash tables. */
    private static final double RESIDUE_BYTES = 64;
    /** Close goal, as for a single healthy close: within 5 ms of the raw SDK, per close. */
    private static final double CLOSE_SLACK_MS = 5;

    private static final String[][] GATEWAYS = {
        {"keep", "gateway keeps its client (connected when the server went away)"},
        {"rebuild", "gateway rebuilds its client after a failure (connected when the server went away)"},
        {"late", "gateway keeps its client, started while the server was down"},
    };

    private final Path dir;
    private final Properties run = new Properties();
    private final List<String> out = new ArrayList<>();

    private RecoveryScaleTable(Path dir) throws IOException {
        this.dir = dir;
        try (var in = Files.newBufferedReader(dir.resolve("recovery-scale.properties"))) {
            run.load(in);
        }
    }

    /** Appends the section to {@code out}, as {@code HotPathResults} and {@code AttachResults} do theirs. */
    static void render(Path dir, List<String> out) {
        if (!Files.exists(dir.resolve("recovery-scale.properties"))) {
            return;
        }
        try {
            RecoveryScaleTable table = new RecoveryScaleTable(dir);
            table.render();
            out.addAll(table.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void render() {
        out.add("");
        out.add("| recovery and scale | without agent | with agent | the agent's part | goal | verdict |");
        out.add("| --- | --- | --- | --- | --- | --- |");
        if (run.containsKey("recovery.rounds")) {
            recovery();
        }
        if (run.containsKey("scale.rounds")) {
            scale("streamable", "Streamable HTTP");
            scale("stdio", "stdio");
        }
        notes();
    }

    private void recovery() {
        String down = run.getProperty("recovery.down.ms");
        for (String[] gateway : GATEWAYS) {
            Optional<Samples.Sides> sides = Samples.Sides.find(dir, "recovery-restart-" + gateway[0]);
            if (sides.isEmpty()) {
                continue;
            }
            Samples raw = sides.get().raw();
            Samples agent = sides.get().agent();
            double diff = agent.median() - raw.median();
            String verdict = agent.median() <= raw.max() ? "no slower (inside the spread without the agent)"
                    : "slower by " + ms(diff) + " ms";
            row("recovery after a restart (SIGKILL, down " + down + " ms), time from the server back to the next"
                    + " successful request: " + gateway[1], msCell(raw), msCell(agent), signed(diff) + " ms",
                    "report", verdict);
        }
        String seconds = run.getProperty("recovery.gone.s");
        for (String[] gateway : GATEWAYS) {
            Optional<Samples.Sides> sides = Samples.Sides.find(dir, "recovery-gone-" + gateway[0]);
            if (sides.isEmpty()) {
                continue;
            }
            Samples raw = sides.get().raw();
            Samples agent = sides.get().agent();
            double change = 100 * (agent.median() - raw.median()) / raw.median();
            String verdict = agent.median() <= raw.median() / 2 ? "budget engaged" : "budget not engaged";
            row("connection attempts per minute to a server gone for good (counted at a proxy for " + seconds
                    + " s, ×60/" + seconds + "): " + gateway[1], countCell(raw), countCell(agent),
                    String.format(Locale.ROOT, "%+.0f%%", change), "report", verdict);
        }
    }

    private void scale(String kind, String label) {
        List<Properties> raw = runs(kind, "raw");
        List<Properties> agent = runs(kind, "agent");
        if (raw.isEmpty() || agent.isEmpty()) {
            return;
        }
        String sessions = agent.get(0).getProperty("sessions");
        int owners = Integer.parseInt(run.getProperty("scale.owner.threads"));

        // Threads: the agent's own are named mcp-guard-*; the totals move with the HttpClients' worker pools.
        Samples rawThreads = samples(raw, p -> num(p, "threads.open.total"));
        Samples agentThreads = samples(agent, p -> num(p, "threads.open.total"));
        double own = agent.stream().mapToDouble(p -> Math.max(Math.max(num(p, "threads.open.agent"),
                num(p, "close.one.threads.agent")), Math.max(num(p, "close.many.threads.agent"),
                num(p, "threads.closed.agent")))).max().orElse(0);
        row("threads with " + sessions + " " + label + " sessions open", countCell(rawThreads),
                countCell(agentThreads), String.format(Locale.ROOT, "%.0f own (mcp-guard-*, most at any point); all"
                        + " threads %+.0f", own, agentThreads.median() - rawThreads.median()),
                "own ≤ owner-threads (" + owners + ") + 1 timer, whatever the session count",
                own <= owners + 1 ? "met" : "**not met** (" + (long) own + " threads)");

        // Memory: the agent's objects, walked from its registry; the whole-heap difference is shown but noisy.
        Samples walked = samples(agent, p -> num(p, "heap.open.agent-objects.per-session"));
        Samples ownClasses = samples(agent, p -> num(p, "heap.open.agent.per-session"));
        Samples rawHeap = samples(raw, p -> num(p, "heap.open.per-session"));
        Samples agentHeap = samples(agent, p -> num(p, "heap.open.per-session"));
        row("retained heap per " + label + " session (after a full GC, " + sessions + " open)", kbCell(rawHeap),
                kbCell(agentHeap), String.format(Locale.ROOT, "%.0f B of the agent's objects (%.0f B its own"
                        + " classes); whole heap %+.1f KB", walked.median(), ownClasses.median(),
                        (agentHeap.median() - rawHeap.median()) / 1024),
                "< 2 KB of the agent's objects", walked.median() < BYTES_PER_SESSION ? "met"
                        : "**not met** (by " + String.format(Locale.ROOT, "%.0f", walked.median() - BYTES_PER_SESSION)
                                + " B)");

        Samples dropped = samples(agent, p -> num(p, "heap.dropped.walk.per-session"));
        Samples purged = samples(agent, p -> num(p, "heap.purged.walk.per-session"));
        row("retained by the agent per " + label + " session once all are closed and the application dropped the"
                + " clients (each was opened on a thread of its own)", "—", String.format(Locale.ROOT, "%.0f B until"
                        + " the next session opens, %.0f B after", dropped.median(), purged.median()),
                String.format(Locale.ROOT, "%.0f B", purged.median()),
                "≈ 0 (< " + (long) RESIDUE_BYTES + " B: its hash tables keep their capacity)",
                purged.median() < RESIDUE_BYTES ? "met" : "**not met** (" + String.format(Locale.ROOT, "%.0f",
                        purged.median()) + " B)");

        closeRow(raw, agent, label, "close.one", "one after the other from 1 thread", 1);
        int closers = Integer.parseInt(run.getProperty("scale.closers"));
        closeRow(raw, agent, label, "close.many", "from " + closers + " threads at once", closers);
    }

    private void closeRow(List<Properties> raw, List<Properties> agent, String label, String key, String how,
            int closers) {
        Samples rawMs = samples(raw, p -> num(p, key + ".ms"));
        Samples agentMs = samples(agent, p -> num(p, key + ".ms"));
        int sessions = (int) num(agent.get(0), key + ".sessions");
        double allowed = CLOSE_SLACK_MS * Math.ceil(sessions / (double) closers);
        double diff = agentMs.median() - rawMs.median();
        double ownersCpu = samples(agent, p -> num(p, key + ".owners.cpu.ms")).median() / sessions;
        double rawFalse = raw.stream().mapToDouble(p -> num(p, key + ".false")).sum();
        double agentFalse = agent.stream().mapToDouble(p -> num(p, key + ".false")).sum();
        row("close " + sessions + " " + label + " sessions " + how + " (closeGracefully false: "
                + (long) rawFalse + " / " + (long) agentFalse + ")", msCell(rawMs), msCell(agentMs),
                signed(diff) + " ms (" + signed(diff / Math.ceil(sessions / (double) closers)) + " ms per close in a"
                        + " row); owner threads' CPU " + String.format(Locale.ROOT, "%.1f", ownersCpu) + " ms per close",
                "≤ +" + ms(allowed) + " ms (+5 ms per close in a row)",
                diff <= allowed ? "met" : "**not met** (by " + ms(diff - allowed) + " ms)");
    }

    private void notes() {
        List<String> notes = new ArrayList<>();
        if (run.containsKey("recovery.rounds")) {
            notes.add("Recovery: " + run.getProperty("recovery.rounds") + " rounds per side of one JVM with "
                    + run.getProperty("recovery.restarts") + " restarts of a real server-everything (Streamable HTTP,"
                    + " SIGKILL, started again on the same port); each gateway sends one echo request every "
                    + BenchGateway.INTERVAL.toMillis() + " ms and reconnects as its row says (`BenchGateway`). The"
                    + " server counts as back at the first TCP connection it accepts (polled every 2 ms). Server"
                    + " gone for good: one run per side; each gateway talks through its own counting TCP proxy,"
                    + " which accepts and closes every connection once the server is gone (the client sees a"
                    + " connection closed before any response, not a refused one); the count over "
                    + run.getProperty("recovery.gone.s") + " s is scaled to a minute. The agent runs with its"
                    + " default reconnect budget (backoff 1 s doubling to 30 s, circuit after 5 failures).");
        }
        if (run.containsKey("scale.rounds")) {
            StringBuilder scale = new StringBuilder("Scale: " + run.getProperty("scale.rounds") + " round(s) per"
                    + " side, one JVM per side and transport: sessions opened at once, each on a thread of its own (at"
                    + " most 8 at a time for HTTP, 4 for stdio; each initialize and one echo call) after warm-up sessions (20 HTTP, 3 stdio), then the"
                    + " first half closed"
                    + " from one thread and the second half from " + run.getProperty("scale.closers") + " threads."
                    + " Threads: the JVM's live threads with every session open; the agent's own are those named"
                    + " `mcp-guard-*` (owner threads and the close timer), counted with the sessions open, after each"
                    + " close phase and at the end. Memory: `GC.class_histogram` (the jcmd command, run in-process)"
                    + " before and after opening; \"the agent's objects\" are everything reachable from its session"
                    + " registry that is the agent's or the JDK's (weak references, map nodes, strings, futures; not"
                    + " the SDK's objects it refers to weakly), sized from the same histogram (`AgentFootprint`), plus"
                    + " the agent's own objects the walk does not reach (held by SDK objects: the stdio transports'"
                    + " thread factories, the exit watch of a server process); \"its own classes\" are the"
                    + " `dev.mcpguard.*` rows of the histogram. The whole-heap"
                    + " difference between the two JVMs is shown for completeness only: it swings by several KB per"
                    + " session between runs of the same side (HTTP exchanges and buffers in flight at the"
                    + " snapshot).");
            for (String kind : List.of("streamable", "stdio")) {
                for (Properties p : concat(runs(kind, "raw"), runs(kind, "agent"))) {
                    if (p.containsKey("sessions.capped")) {
                        scale.append(" The stdio ").append(p.getProperty("side")).append(" run opened ")
                                .append(p.getProperty("sessions")).append(" of ")
                                .append(p.getProperty("sessions.requested")).append(" sessions: ")
                                .append(p.getProperty("memory.available.mb")).append(" MB were available and one"
                                        + " server process takes about ").append(p.getProperty("server.rss.mb"))
                                .append(" MB.");
                    }
                }
                List<Properties> all = concat(runs(kind, "raw"), runs(kind, "agent"));
                if (!all.isEmpty()) {
                    Properties first = all.get(0);
                    scale.append(String.format(Locale.ROOT, " %s: opening %s sessions took %s ms (raw, first run)",
                            kind, first.getProperty("sessions"), first.getProperty("open.ms")));
                    if (first.containsKey("servers.rss.mb")) {
                        scale.append(", the server processes held ").append(first.getProperty("servers.rss.mb"))
                                .append(" MB resident");
                    }
                    scale.append('.');
                }
            }
            scale.append(walkTop("streamable")).append(walkTop("stdio"));
            notes.add(scale.toString());
        }
        for (String note : notes) {
            out.add("");
            out.add(note);
        }
    }

    /** The largest classes of the agent's objects per session, from the last agent run of {@code kind}. */
    private String walkTop(String kind) {
        List<Properties> agent = runs(kind, "agent");
        if (agent.isEmpty()) {
            return "";
        }
        Path walk = dir.resolve("scale-" + kind + "-agent-" + agent.size() + ".walk");
        if (!Files.exists(walk)) {
            return "";
        }
        try {
            List<String> parts = new ArrayList<>();
            for (String line : Files.readAllLines(walk)) {
                String[] f = line.split(" ");
                if (parts.size() < 6 && Double.parseDouble(f[2]) >= 1) {
                    String simple = f[0].substring(f[0].lastIndexOf('.') + 1);
                    parts.add(String.format(Locale.ROOT, "%s %s× %.0f B", simple, trim(f[1]),
                            Double.parseDouble(f[2])));
                }
            }
            return " The agent's objects per " + kind + " session: " + String.join(", ", parts) + ".";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Properties> runs(String kind, String side) {
        List<Properties> runs = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path file = dir.resolve("scale-" + kind + "-" + side + "-" + i + ".properties");
            if (!Files.exists(file)) {
                return runs;
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            runs.add(p);
        }
    }

    private static List<Properties> concat(List<Properties> a, List<Properties> b) {
        List<Properties> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Samples samples(List<Properties> runs, ToDoubleFunction<Properties> value) {
        List<Double> values = new ArrayList<>();
        for (Properties p : runs) {
            values.add(value.applyAsDouble(p));
        }
        return Samples.of(values);
    }

    private static double num(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null ? 0 : Double.parseDouble(value);
    }

    private void row(String what, String raw, String agent, String part, String goal, String verdict) {
        out.add("| " + what + " | " + raw + " | " + agent + " | " + part + " | " + goal + " | " + verdict + " |");
    }

    private static String msCell(Samples s) {
        return s.count() == 1 ? ms(s.median()) + " ms (n=1)"
                : ms(s.median()) + " ms (" + ms(s.min()) + "–" + ms(s.max()) + ", n=" + s.count() + ")";
    }

    private static String countCell(Samples s) {
        return s.count() == 1 ? String.format(Locale.ROOT, "%.0f (n=1)", s.median())
                : String.format(Locale.ROOT, "%.0f (%.0f–%.0f, n=%d)", s.median(), s.min(), s.max(), s.count());
    }

    private static String kbCell(Samples s) {
        return s.count() == 1 ? String.format(Locale.ROOT, "%.1f KB (n=1)", s.median() / 1024)
                : String.format(Locale.ROOT, "%.1f KB (%.1f–%.1f, n=%d)", s.median() / 1024, s.min() / 1024,
                        s.max() / 1024, s.count());
    }

    private static String trim(String number) {
        double value = Double.parseDouble(number);
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ms(double millis) {
        return Math.abs(millis) >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String signed(double millis) {
        return (millis >= 0 ? "+" : "−") + ms(Math.abs(millis));
    }
}
