package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A client that opens its sessions first and is guarded (or looked at) later: it opens two sessions, prints
 * {@value #READY} with its pid, and waits until the test creates the signal file, e.g. after attaching mcp-guard.
 * Arguments: {@code <stdio|streamable|sse> <target> <signal-file> <mode>}, where mode is
 * <ul>
 *   <li>{@code hard-closes}: then closes session A on an interrupted thread and session B on a Reactor thread,
 *       the two closes the SDK gets wrong; reports {@code closedA}, {@code closeAMs}, {@code interruptedAfter},
 *       {@code closedB}, {@code closeBThread}, {@code settled}, {@code settledMs}, {@code serversAliveAfterClose};</li>
 *   <li>{@code plain}: then closes both on main;</li>
 *   <li>{@code leak}: closes session A on an interrupted thread before {@value #READY} (without mcp-guard that
 *       leaks its server and threads), then waits, then closes B on main.</li>
 * </ul>
 * Every mode reports {@code javaVersion}, the Java it runs on (a matrix cell may fork it on another JDK than the test's).
 */
public final class AwaitsAttach extends ScenarioApp {

    public static final String READY = "MCPGUARD-IT-READY";
    private static final Duration SIGNAL_LIMIT = Duration.ofSeconds(120);

    public static void main(String[] args) {
        new AwaitsAttach().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        Path signal = Paths.get(args[2]);
        String mode = args[3];
        report.put("javaVersion", System.getProperty("java.version"));
        McpSyncClient a = Clients.initializedAndQuiet(args[0], args[1]);
        McpSyncClient b = second(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();
        if (mode.equals("leak")) {
            Thread.currentThread().interrupt();
            report.put("closedA", a.closeGracefully());
            Thread.interrupted();
        }
        System.out.println(READY + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        awaitSignal(signal);

        switch (mode) {
            case "hard-closes":
                hardCloses(a, b, report);
                break;
            case "plain":
                report.put("closedA", a.closeGracefully());
                report.put("closedB", b.closeGracefully());
                break;
            case "leak":
                report.put("closedB", b.closeGracefully());
                break;
            default:
                throw new IllegalArgumentException("mode must be hard-closes, plain or leak, not '" + mode + "'");
        }
        report.put("serversAliveAfterClose", Scenarios.countAlive(servers));
    }

    /**
     * server-everything over HTTP announces tools/list_changed to its first session only; the second is merely
     * initialized. Its close comes seconds later, after the test's signal, so race 1b cannot touch it.
     */
    private static McpSyncClient second(String kind, String target) {
        if (kind.equals("stdio")) {
            return Clients.initializedAndQuiet(kind, target);
        }
        McpSyncClient client = Clients.sync(kind, target);
        client.initialize();
        return client;
    }

    private static void hardCloses(McpSyncClient a, McpSyncClient b, Report report) {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        boolean closedA = a.closeGracefully();
        report.put("closeAMs", Scenarios.millisSince(start));
        report.put("interruptedAfter", Thread.interrupted());
        report.put("closedA", closedA);

        AtomicReference<String> thread = new AtomicReference<>();
        start = System.nanoTime();
        Boolean closedB = Mono.fromCallable(() -> {
            thread.set(Thread.currentThread().getName());
            return b.closeGracefully();
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
        report.put("closedB", String.valueOf(closedB));
        report.put("closeBThread", thread.get());
        report.put("settled", b.closeGracefully());
        report.put("settledMs", Scenarios.millisSince(start));
    }

    private static void awaitSignal(Path signal) throws InterruptedException {
        long deadline = System.nanoTime() + SIGNAL_LIMIT.toNanos();
        while (!Files.exists(signal)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no signal file " + signal + " within " + SIGNAL_LIMIT);
            }
            Thread.sleep(50);
        }
    }
}
