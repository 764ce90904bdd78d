package dev.mcpguard.it.bench;

import dev.mcpguard.it.app.Clients;
import dev.mcpguard.it.app.Scenarios;
import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many sessions open at once in one JVM: what the agent adds in threads and retained heap per session, and how long
 * closing them all takes.
 *
 * <p>Arguments: {@code <streamable|stdio> <servers dir> <bench dir> <side> <sessions> <openers> <closers>}. For
 * {@code streamable} this program starts one server-everything of its own and opens every session against it; for
 * {@code stdio} each session starts its own server process ({@code node index.js stdio}), and the session count is
 * lowered, with the reason printed, when the memory available could not hold that many server processes.
 *
 * <p>Steps: warm-up sessions (3 stdio, 20 HTTP; opened, called, closed: class loading, JIT, the agent's owner
 * threads), then a snapshot (threads, heap histogram after a full GC); {@code <sessions>} sessions opened, each on a
 * thread of its own and at most {@code <openers>} at a time, each initialized and with one echo call; after a short
 * settle the same snapshot again; then the first half of the sessions closed ({@code closeGracefully()}) one after
 * the other from one thread, the second half from {@code <closers>} threads at once, each timed as a whole; at last,
 * with the agent, what it still holds once the clients are dropped. Writes
 * {@code scale-<kind>-<side>-<run>.properties}, the heap histogram difference of the run ({@code .histo}) and, with
 * the agent, what it retains per session by class ({@code .walk}) into the bench folder. Ends with
 * {@code System.exit}.
 */
public final class ScaleBench {

    /** Warm-up sessions: a stdio one costs a node process start, an HTTP one a few ms. */
    private static final int WARM_UP_STDIO = 3;
    private static final int WARM_UP_HTTP = 20;
    /** One instance per session the agent knows. */
    private static final String SESSION_CLASS = "dev.mcpguard.agent.session.GuardedSession";
    private static final int OPEN_ATTEMPTS = 3;
    private static final long SETTLE_MILLIS = 2000;
    /** Memory kept free for everyone else on the machine when stdio sessions are capped. */
    private static final long MEMORY_RESERVE = 3L << 30;

    private final String kind;
    private final String side;
    private final Path benchDir;
    private final Properties result = new Properties();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private String target;

    private ScaleBench(String kind, String side, Path benchDir) {
        this.kind = kind;
        this.side = side;
        this.benchDir = benchDir;
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path serversDir = Path.of(args[1]);
        Path benchDir = Path.of(args[2]);
        ScaleBench bench = new ScaleBench(kind, args[3], benchDir);
        int sessions = Integer.parseInt(args[4]);
        int openers = Integer.parseInt(args[5]);
        int closers = Integer.parseInt(args[6]);
        NodeServer server = null;
        try {
            if (kind.equals("streamable")) {
                server = NodeServer.start(serversDir, benchDir.resolve("scale-server-" + args[3] + ".log"));
                bench.target = server.url();
            } else if (kind.equals("stdio")) {
                bench.target = serversDir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
                        .toString();
            } else {
                throw new IllegalArgumentException("kind is streamable or stdio, not " + kind);
            }
            bench.run(sessions, openers, closers);
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private void run(int requested, int openers, int closers) throws Exception {
        result.setProperty("kind", kind);
        result.setProperty("side", side);
        result.setProperty("sessions.requested", Integer.toString(requested));
        result.setProperty("openers", Integer.toString(openers));
        result.setProperty("closers", Integer.toString(closers));
        Path file = nextFile();

        long serverRss = warmUp();
        int sessions = kind.equals("stdio") ? capByMemory(requested, serverRss) : requested;
        result.setProperty("sessions", Integer.toString(sessions));

        HeapHistogram before = HeapHistogram.take();
        snapshot("before", before);
        Object registry = AgentFootprint.registry();
        AgentFootprint walkedBefore = registry == null ? null : AgentFootprint.walk(registry, before);

        long start = System.nanoTime();
        long cpu = jvmCpuNanos();
        long serversCpu = childrenCpuNanos();
        List<McpSyncClient> clients = open(sessions, openers);
        result.setProperty("open.ms", millis(start));
        result.setProperty("open.cpu.jvm.ms", Long.toString((jvmCpuNanos() - cpu) / 1_000_000));
        result.setProperty("open.cpu.servers.ms", Long.toString((childrenCpuNanos() - serversCpu) / 1_000_000));
        Thread.sleep(SETTLE_MILLIS);
        if (kind.equals("stdio")) {
            result.setProperty("servers.rss.mb", Long.toString(childrenRssKb() / 1024));
        }
        HeapHistogram open = HeapHistogram.take();
        snapshot("open", open);
        perSession("open", before, open, sessions);
        if (registry != null) {
            AgentFootprint walked = AgentFootprint.walk(registry, open);
            long registered = Math.max(1, registered(open) - registered(before));
            result.setProperty("heap.open.walk.per-session", String.format(Locale.ROOT, "%.1f",
                    (walked.bytes - walkedBefore.bytes) / (double) registered));
            result.setProperty("heap.open.walk.objects.per-session", String.format(Locale.ROOT, "%.2f",
                    (walked.objects - walkedBefore.objects) / (double) registered));
            // The agent's own objects the walk cannot reach from the registry (held by the SDK's objects, such as
            // the stdio transport's thread factories, or by a process's exit future) count too.
            long unreached = (open.agentClasses()[1] - before.agentClasses()[1])
                    - (walked.agentClassBytes() - walkedBefore.agentClassBytes());
            result.setProperty("heap.open.agent-objects.per-session", String.format(Locale.ROOT, "%.1f",
                    (walked.bytes - walkedBefore.bytes + Math.max(0, unreached)) / (double) registered));
            writeWalk(walkedBefore, walked, (int) registered,
                    Path.of(file.toString().replace(".properties", ".walk")));
        }
        writeHistogramDelta(open.minus(before), sessions, Path.of(file.toString().replace(".properties", ".histo")));

        int half = sessions / 2;
        closeAll("close.one", clients.subList(0, half), 1);
        closeAll("close.many", clients.subList(half, sessions), closers);
        result.setProperty("close.one.sessions", Integer.toString(half));
        result.setProperty("close.many.sessions", Integer.toString(sessions - half));
        Thread.sleep(500);
        result.setProperty("threads.closed.total", Integer.toString(threads.getThreadCount()));
        result.setProperty("threads.closed.agent", Long.toString(agentThreads()));
        if (kind.equals("stdio")) {
            result.setProperty("children.left", Integer.toString(Scenarios.liveChildren().size()));
        }
        if (registry != null) {
            // What the agent still holds once the application has dropped its closed clients: the registry's
            // entries go when their client is collected and the next session is registered (it purges on writes).
            clients.clear();
            long dropped = AgentFootprint.walk(registry, HeapHistogram.take()).bytes - walkedBefore.bytes;
            openOne().closeGracefully();
            long purged = AgentFootprint.walk(registry, HeapHistogram.take()).bytes - walkedBefore.bytes;
            result.setProperty("heap.dropped.walk.per-session", String.format(Locale.ROOT, "%.1f",
                    dropped / (double) sessions));
            result.setProperty("heap.purged.walk.per-session", String.format(Locale.ROOT, "%.1f",
                    purged / (double) sessions));
        }

        try (Writer out = Files.newBufferedWriter(file)) {
            result.store(out, "ScaleBench " + kind + " " + side);
        }
        System.out.println("MCPGUARD-BENCH scale " + kind + " " + side + " " + new TreeMap<>(result));
    }

    /** Opens, calls and closes a few sessions; returns the resident memory of one stdio server (kB), else 0. */
    private long warmUp() {
        long rss = 0;
        for (int i = 0, n = kind.equals("stdio") ? WARM_UP_STDIO : WARM_UP_HTTP; i < n; i++) {
            McpSyncClient client = openOne();
            if (kind.equals("stdio")) {
                rss = Math.max(rss, childrenRssKb());
            }
            client.closeGracefully();
        }
        return rss;
    }

    /**
     * How many stdio sessions fit: each is a node process of about {@code serverRssKb} (the largest warm-up server,
     * taken 1.1x), keeping {@link #MEMORY_RESERVE} free for everyone else on the machine.
     */
    private int capByMemory(int requested, long serverRssKb) throws IOException {
        long availableKb = memAvailableKb();
        long perServerKb = Math.max(1, serverRssKb * 11 / 10);
        long fit = Math.max(0, (availableKb - (MEMORY_RESERVE >> 10)) / perServerKb);
        result.setProperty("memory.available.mb", Long.toString(availableKb / 1024));
        result.setProperty("server.rss.mb", Long.toString(serverRssKb / 1024));
        if (fit >= requested) {
            return requested;
        }
        System.out.println("MCPGUARD-BENCH scale stdio: " + requested + " sessions do not fit: " + availableKb / 1024
                + " MB available, about " + perServerKb / 1024 + " MB per server process, " + (MEMORY_RESERVE >> 20)
                + " MB kept free; opening " + fit);
        result.setProperty("sessions.capped", "memory");
        return (int) fit;
    }

    /**
     * Opens every session on a thread of its own (as a gateway does that serves each connection or reconnect on a
     * new thread), at most {@code openers} at a time.
     */
    private List<McpSyncClient> open(int sessions, int openers) throws Exception {
        Semaphore running = new Semaphore(openers);
        AtomicInteger retries = new AtomicInteger();
        List<CompletableFuture<McpSyncClient>> futures = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            CompletableFuture<McpSyncClient> future = new CompletableFuture<>();
            futures.add(future);
            running.acquire();
            Thread opener = new Thread(() -> {
                try {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            future.complete(openOne());
                            return;
                        } catch (RuntimeException e) {
                            if (attempt == OPEN_ATTEMPTS) {
                                future.completeExceptionally(e);
                                return;
                            }
                            retries.incrementAndGet();
                            System.err.println("MCPGUARD-BENCH scale open failed (attempt " + attempt + "): "
                                    + Scenarios.describe(e));
                        }
                    }
                } finally {
                    running.release();
                }
            }, "opener-" + i);
            opener.start();
        }
        List<McpSyncClient> clients = new ArrayList<>();
        for (CompletableFuture<McpSyncClient> future : futures) {
            clients.add(future.get());
        }
        result.setProperty("open.retries", Integer.toString(retries.get()));
        return clients;
    }

    private McpSyncClient openOne() {
        McpSyncClient client = Clients.sync(kind, target);
        try {
            client.initialize();
            client.callTool(Clients.ECHO);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Closes {@code clients} from {@code closers} threads (the calling one if 1), timed as a whole. */
    private void closeAll(String key, List<McpSyncClient> clients, int closers) throws Exception {
        threads.resetPeakThreadCount();
        AtomicInteger notClosed = new AtomicInteger();
        long ownersCpu = ownerCpuNanos();
        long cpu = jvmCpuNanos();
        long callerCpu = threads.getCurrentThreadCpuTime();
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        if (closers == 1) {
            for (McpSyncClient client : clients) {
                notClosed.addAndGet(client.closeGracefully() ? 0 : 1);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(closers);
            List<Future<?>> futures = new ArrayList<>();
            for (McpSyncClient client : clients) {
                futures.add(pool.submit(() -> notClosed.addAndGet(client.closeGracefully() ? 0 : 1)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
        result.setProperty(key + ".ms", millis(start));
        result.setProperty(key + ".cpu.ms", Long.toString((jvmCpuNanos() - cpu) / 1_000_000));
        result.setProperty(key + ".owners.cpu.ms", Long.toString((ownerCpuNanos() - ownersCpu) / 1_000_000));
        result.setProperty(key + ".caller.cpu.ms", Long.toString((threads.getCurrentThreadCpuTime() - callerCpu)
                / 1_000_000));
        result.setProperty(key + ".jit.ms", Long.toString(
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit));
        result.setProperty(key + ".false", Integer.toString(notClosed.get()));
        result.setProperty(key + ".threads.peak", Integer.toString(threads.getPeakThreadCount()));
        result.setProperty(key + ".threads.agent", Long.toString(agentThreads()));
    }

    private void snapshot(String point, HeapHistogram histogram) {
        result.setProperty("threads." + point + ".total", Integer.toString(threads.getThreadCount()));
        result.setProperty("threads." + point + ".agent", Long.toString(agentThreads()));
        result.setProperty("heap." + point + ".bytes", Long.toString(histogram.totalBytes));
        long[] agent = histogram.agentClasses();
        result.setProperty("heap." + point + ".agent.instances", Long.toString(agent[0]));
        result.setProperty("heap." + point + ".agent.bytes", Long.toString(agent[1]));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        result.setProperty("heap." + point + ".used", Long.toString(memory.getHeapMemoryUsage().getUsed()));
        Map<String, Integer> groups = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            groups.merge(group(thread.getName()), 1, Integer::sum);
        }
        groups.forEach((group, count) -> result.setProperty("threads." + point + ".group." + group, count.toString()));
    }

    /**
     * Per session: the whole retained heap (divided by the sessions opened), and the agent's own classes (divided by
     * the sessions the agent registered meanwhile: the warm-up sessions it still held at the first snapshot may be
     * dropped from its registry in between, which would otherwise count against the new ones).
     */
    private void perSession(String point, HeapHistogram before, HeapHistogram after, int sessions) {
        double heap = (after.totalBytes - before.totalBytes) / (double) sessions;
        result.setProperty("heap." + point + ".per-session", String.format(Locale.ROOT, "%.1f", heap));
        long registered = registered(after) - registered(before);
        if (registered > 0) {
            double agent = (after.agentClasses()[1] - before.agentClasses()[1]) / (double) registered;
            result.setProperty("heap." + point + ".agent.per-session", String.format(Locale.ROOT, "%.1f", agent));
            result.setProperty("heap." + point + ".agent.sessions", Long.toString(registered));
        }
    }

    private static long registered(HeapHistogram histogram) {
        return histogram.byClass.getOrDefault(SESSION_CLASS, new long[1])[0];
    }

    /** The run's histogram difference, per session: {@code class instances bytes}, largest first. */
    private static void writeHistogramDelta(Map<String, long[]> delta, int sessions, Path histo) throws IOException {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(delta.entrySet());
        rows.sort(Collections.reverseOrder((a, b) -> Long.compare(a.getValue()[1], b.getValue()[1])));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> row : rows) {
            if (row.getValue()[1] != 0) {
                lines.add(String.format(Locale.ROOT, "%s %.3f %.1f", row.getKey(),
                        row.getValue()[0] / (double) sessions, row.getValue()[1] / (double) sessions));
            }
        }
        Files.write(histo, lines);
    }

    /** What the agent retains per session, by class: {@code class instances bytes}, largest first. */
    private static void writeWalk(AgentFootprint before, AgentFootprint after, int sessions, Path walk)
            throws IOException {
        Map<String, long[]> delta = new TreeMap<>();
        after.byClass.forEach((name, v) -> {
            long[] b = before.byClass.getOrDefault(name, new long[2]);
            delta.put(name, new long[] {v[0] - b[0], v[1] - b[1]});
        });
        writeHistogramDelta(delta, sessions, walk);
    }

    private static long agentThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("mcp-guard")).count();
    }

    /** Thread names without their numbers: {@code HttpClient-12-Worker-3} is {@code HttpClient-#-Worker-#}. */
    private static String group(String name) {
        return name.replaceAll("\\d+", "#").replace(' ', '_');
    }

    /** {@code scale-<kind>-<side>-<run>.properties} for the first run number not yet taken. */
    private Path nextFile() {
        for (int run = 1; ; run++) {
            Path file = benchDir.resolve("scale-" + kind + "-" + side + "-" + run + ".properties");
            if (!Files.exists(file)) {
                return file;
            }
        }
    }

    private static String millis(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e6);
    }

    /** CPU time of the agent's owner threads so far (they live for a minute after their last task). */
    private long ownerCpuNanos() {
        long sum = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("mcp-guard-owner-")) {
                sum += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return sum;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the live server processes (for stdio, of those alive now: a rough figure). */
    private static long childrenCpuNanos() {
        long sum = 0;
        for (long pid : Scenarios.liveChildren()) {
            sum += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
        }
        return sum;
    }

    private static long childrenRssKb() {
        long sum = 0;
        for (long pid : Scenarios.liveChildren()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        sum += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return sum;
    }

    private static long memAvailableKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no MemAvailable in /proc/meminfo");
    }
}
