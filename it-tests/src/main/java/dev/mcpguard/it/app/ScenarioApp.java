package dev.mcpguard.it.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Base of the programs the integration tests run in forked JVMs. A subclass does its work in
 * {@link #run}; afterwards this class settles and reports what the JVM still holds (child processes,
 * non-daemon threads) and what the agent counted, as one {@link Report#PREFIX} line on stdout.
 *
 * <p>It returns from {@code main} instead of calling {@code System.exit}: a JVM that cannot exit
 * by itself is exactly the leak the harness has to see.
 *
 * <p>This class uses the JDK only, so hosts without the SDK on their class path can extend it.
 */
public abstract class ScenarioApp {

    /**
     * How long leftovers get to go away by themselves before they count as leaked; the harness's
     * own tests shorten it with -Dmcpguard.it.settleMillis to see leaks quickly.
     */
    private static final Duration SETTLE_LIMIT = Duration.ofMillis(Long.getLong("mcpguard.it.settleMillis", 10_000));
    private static final Duration POLL = Duration.ofMillis(50);
    /** The stdio transport's executor threads as the agent names them; they are daemon threads, so checked apart. */
    private static final Pattern TRANSPORT_THREAD = Pattern.compile("mcp-stdio-(inbound|outbound|error)-\\d+");

    protected abstract void run(String[] args, Report report) throws Exception;

    /**
     * Whether the app's child processes must be gone before the report: true for every app that closes its
     * sessions. An app that leaves them to the JVM's exit returns false; its {@code liveChildren} then lists the
     * children alive when {@link #run} returned, and the harness checks that none of them outlived the JVM.
     */
    protected boolean childrenEndBeforeExit() {
        return true;
    }

    protected final void launch(String[] args) {
        Report report = new Report();
        try {
            run(args, report);
        } catch (Throwable t) {
            // The test reads the failure from the report, so the JVM's exit code stays the host's own.
            Throwable reported = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            report.put("failure", reported.toString());
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            System.err.print(trace);
        }
        report.noteChildren();
        report.put("children", join(report.childrenSeen()));
        report.put("liveChildren", join(childrenEndBeforeExit() ? awaitNoLiveChildren() : liveDescendants()));
        report.put("leakedThreads", String.join(",", awaitNoForeignNonDaemonThreads()));
        report.put("transportThreads", String.join(",",
                childrenEndBeforeExit() ? awaitNoTransportThreads() : transportThreads()));
        report.put("adviceErrors", Long.toString(bootstrapCounter("dev.mcpguard.bootstrap.AdviceErrors", "count")));
        report.put("sessionsOpened", Long.toString(bootstrapCounter("dev.mcpguard.bootstrap.SessionHooks", "opened")));
        report.put("sessionsClosed", Long.toString(bootstrapCounter("dev.mcpguard.bootstrap.SessionHooks", "closed")));
        report.put("counters", guardCounters());
        System.out.println(report.line());
        System.out.flush();
    }

    private static List<Long> awaitNoLiveChildren() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        List<Long> live = liveDescendants();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            pause();
            live = liveDescendants();
        }
        return live;
    }

    static List<Long> liveDescendants() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .sorted()
                .collect(Collectors.toList());
    }

    private static List<String> awaitNoForeignNonDaemonThreads() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        List<String> threads = foreignNonDaemonThreads();
        while (!threads.isEmpty() && System.nanoTime() < deadline) {
            pause();
            threads = foreignNonDaemonThreads();
        }
        return threads;
    }

    private static List<String> awaitNoTransportThreads() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        List<String> threads = transportThreads();
        while (!threads.isEmpty() && System.nanoTime() < deadline) {
            pause();
            threads = transportThreads();
        }
        return threads;
    }

    /** Live stdio transport threads the agent made daemon threads: a closed session must not keep them. */
    private static List<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> TRANSPORT_THREAD.matcher(name).matches())
                .sorted()
                .collect(Collectors.toList());
    }

    /** Non-daemon threads that would keep the JVM alive once main returns. */
    private static List<String> foreignNonDaemonThreads() {
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != self && t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .filter(name -> !name.equals("DestroyJavaVM"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Reads a counter of the agent's bootstrap API; -1 when the agent's classes are not there. */
    private static long bootstrapCounter(String className, String method) {
        try {
            Class<?> type = Class.forName(className, false, null);
            Method getter = type.getMethod(method);
            return ((Number) getter.invoke(null)).longValue();
        } catch (ClassNotFoundException | NoSuchMethodException absent) {
            return -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A counter that exists but cannot be read is an agent defect the test must see.
            return -2;
        }
    }

    /**
     * The agent's counters ({@code GuardCounters.snapshot()}) as {@code name:value,...}; empty without the agent,
     * {@code unreadable} when the class is there but cannot be read (an agent defect the test must see).
     */
    @SuppressWarnings("unchecked")
    static String guardCounters() {
        try {
            Class<?> type = Class.forName("dev.mcpguard.bootstrap.GuardCounters", false, null);
            Map<String, Long> snapshot = (Map<String, Long>) type.getMethod("snapshot").invoke(null);
            return snapshot.entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(","));
        } catch (ClassNotFoundException absent) {
            return "";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unreadable";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while settling", e);
        }
    }

    private static String join(List<Long> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
