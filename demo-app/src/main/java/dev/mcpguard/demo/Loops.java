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

    /** Far more than any scenario needs; a loop still running then is reported, not waited for forever. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Duration WORKERS_STOP_DEADLINE = Duration.ofSeconds(20);

    private Loops() {
    }

    static void runAll(List<ReconnectLoop> loops, PrintStream out) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (ReconnectLoop loop : loops) {
            Thread thread = new Thread(loop, "gateway-loop-" + loop.name());
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Thread thread : threads) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis > 0) {
                thread.join(leftMillis);
            }
            if (thread.isAlive()) {
                out.println(thread.getName() + " still running after " + DEADLINE.toMinutes() + " minutes; interrupting it");
                thread.interrupt();
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
