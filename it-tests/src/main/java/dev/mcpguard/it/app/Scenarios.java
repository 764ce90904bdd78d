package dev.mcpguard.it.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Small helpers the scenario apps share: timing, child processes, describing a failure for the report, a host's
 * bounded close.
 */
public final class Scenarios {

    private static final Duration POLL = Duration.ofMillis(20);
    /** How long a host's own close of something it shares is waited for: a close that needs more never ends. */
    public static final Duration HOST_CLOSE_WAIT = Duration.ofSeconds(5);

    private Scenarios() {
    }

    public static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The JVM's live descendants (a server and whatever it started). */
    public static List<Long> liveChildren() {
        return ScenarioApp.liveDescendants();
    }

    public static long countAlive(List<Long> pids) {
        return pids.stream().filter(Scenarios::alive).count();
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Polls until none of {@code pids} is alive, at most {@code limit}.
     *
     * @return whether they were all gone in time
     */
    public static boolean awaitGone(List<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (countAlive(pids) > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Waits until {@code condition} holds; whether it did within {@code limit}. */
    public static boolean await(java.util.concurrent.Callable<Boolean> condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /**
     * The JDK HttpClient threads ({@code HttpClient-*}) still alive once they had {@code limit} to end, without a
     * forced GC: what clients nobody shut down leave behind.
     */
    public static List<String> httpClientThreadsLeft(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> left = httpClientThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            left = httpClientThreads();
        }
        return left;
    }

    private static List<String> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-"))
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * Closes on a daemon thread of its own, so that a close that never returns does not keep the JVM: {@code true},
     * {@code false} (not back within {@code wait}) or {@code threw}.
     */
    public static String closesWithin(AutoCloseable closeable, Duration wait) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>("false");
        Thread closer = new Thread(() -> {
            try {
                closeable.close();
                outcome.set("true");
            } catch (Exception e) {
                outcome.set("threw");
            }
            ended.countDown();
        }, "shared-client-close");
        closer.setDaemon(true);
        closer.start();
        ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        return outcome.get();
    }

    /** Live descendants that are not in {@code known}. */
    public static List<Long> newChildren(Set<Long> known) {
        return liveChildren().stream().filter(pid -> !known.contains(pid)).collect(Collectors.toList());
    }

    /**
     * A failure as one line: class and message, then each cause ({@code <-}) and suppressed exception
     * ({@code +suppressed}), so a test can look for the exception the SDK really threw.
     */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            StringBuilder part = new StringBuilder(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                part.append(" +suppressed ").append(suppressed);
            }
            parts.add(part.toString());
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(" <- ", parts);
    }

    /** Sends SIGSTOP (or another signal) to a process, as {@code kill -<signal> <pid>}. */
    public static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /**
     * Watches the JVM's descendants from a daemon thread and notes every one in the report, so that children that
     * live only briefly (a server a closed client spawns again) are seen too. It watches until the JVM ends.
     */
    public static void watchChildren(Report report) {
        Thread watcher = new Thread(() -> {
            while (true) {
                report.noteChildren();
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "it-child-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
