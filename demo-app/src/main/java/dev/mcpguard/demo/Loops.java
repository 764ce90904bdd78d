package dev.mcpguard.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the servers' reconnect loops side by side, each on its own thread, and waits for them, bounded. */
final class Loops {

    /**
     * The least time a run of loops gets: far more than the scenarios driving one failure need, and what a short run
     * of planned reconnects needs on a loaded machine.
     */
    static final Duration TIME_CAP_FLOOR = Duration.ofMinutes(3);
    /**
     * What one reconnect may take besides the time its session is served: connecting (a stdio server is a new node
     * process), closing, and the agent's short wait before it runs an attempt again.
     */
    static final Duration ALLOWANCE_PER_RECONNECT = Duration.ofSeconds(3);
    /**
     * Once the cap is reached a loop ends its session in progress by itself (a keepalive or recycle ends each
     * within seconds; a call waits at most the request timeout, a close the SDK's 10 s); only one that has not
     * stopped after this is interrupted.
     */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration WORKERS_STOP_DEADLINE = Duration.ofSeconds(20);

    private Loops() {
    }

    /** The time cap of a run of {@code reconnects} per server, each session served for {@code sessionTime}. */
    static Duration timeCap(int reconnects, Duration sessionTime) {
        Duration needed = sessionTime.plus(ALLOWANCE_PER_RECONNECT).multipliedBy(reconnects);
        return needed.compareTo(TIME_CAP_FLOOR) > 0 ? needed : TIME_CAP_FLOOR;
    }

    /** Runs the loops of a scenario driving one failure, within {@link #TIME_CAP_FLOOR}. */
    static void runAll(List<ReconnectLoop> loops, PrintStream out) throws InterruptedException {
        runAll(loops, TIME_CAP_FLOOR, out);
    }

    /**
     * Runs the loops within {@code timeCap}: at the cap each loop still running is asked to stop after its session in
     * progress, and interrupted only if it has not within {@link #STOP_GRACE}.
     */
    static void runAll(List<ReconnectLoop> loops, Duration timeCap, PrintStream out) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (ReconnectLoop loop : loops) {
            Thread thread = new Thread(loop, "gateway-loop-" + loop.name());
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + timeCap.toNanos();
        joinUntil(threads, deadline);
        for (ReconnectLoop loop : loops) {
            loop.stopAtTimeCap(timeCap);
        }
        joinUntil(threads, System.nanoTime() + STOP_GRACE.toNanos());
        for (int i = 0; i < threads.size(); i++) {
            Thread thread = threads.get(i);
            if (thread.isAlive()) {
                out.println(thread.getName() + " did not stop within " + STOP_GRACE.toSeconds() + " s of the time cap;"
                        + " interrupting it");
                loops.get(i).interruptedAtTimeCap();
                thread.interrupt();
            }
        }
        // An interrupted loop still closes its session; wait for that as well, bounded.
        joinUntil(threads, System.nanoTime() + STOP_GRACE.toNanos());
    }

    private static void joinUntil(List<Thread> threads, long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMillis > 0) {
                thread.join(leftMillis);
            }
        }
    }

    /** The gateway's request workers: named, non-daemon threads, as an application's own workers usually are. */
    static ExecutorService workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> new Thread(task, "gateway-worker-" + count.incrementAndGet());
        return Executors.newFixedThreadPool(threads, factory);
    }

    /** Lets the workers finish what they are doing (a call waits at most the request timeout), then stops them. */
    static void stopWorkers(ExecutorService workers) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(WORKERS_STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A daemon thread for timers, so that a timer cannot keep the gateway alive. */
    static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
