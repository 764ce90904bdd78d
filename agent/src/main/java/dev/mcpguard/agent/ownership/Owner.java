package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.thread.AgentThreads;
import dev.mcpguard.bootstrap.GuardCounters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One owner, {@code mcp-guard-owner-N}: the thread on which the SDK's close code of its sessions runs, one task at a
 * time, in order. Its thread is a daemon, started on first use and let go after a minute idle, and carries no
 * context class loader, so it can neither keep the JVM alive nor pin an application's classes.
 *
 * <p>The SDK's close can run host code synchronously (callbacks of the requests it fails) or a transport's own
 * blocking code, and either can hold the thread for good. One such close must not hold up the owner's other
 * sessions: a task that runs longer than {@link #STALL} while others wait leaves the queue to a fresh thread, and a
 * thread the close deadline finds still inside a close is abandoned (left behind as a daemon, counted, never reused).
 */
public final class Owner implements Executor {

    /** Far above what the SDK's close call takes on the owner (well under a few milliseconds when healthy). */
    static final Duration STALL = Duration.ofMillis(250);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int STACK_FRAMES_SHOWN = 4;

    /** Marks the agent's own threads, so a close requested on one is never waited for there. */
    static final class OwnerThread extends Thread {
        OwnerThread(Runnable task, String name) {
            super(AgentThreads.group(), task, name, 0, false);
            setDaemon(true);
            setContextClassLoader(null);
        }
    }

    private final String name;
    private final Timer timer;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** The thread taking this owner's tasks now, or null when it has none. */
    private Worker worker;
    private int threadsStarted;

    Owner(int index, Timer timer) {
        this.name = "mcp-guard-owner-" + index;
        this.timer = timer;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
        if (worker == null) {
            worker = new Worker();
        } else if (worker.task != null) {
            watchForStall(worker);
        } else {
            notifyAll();
        }
    }

    /**
     * The close deadline found {@code thread} still inside the SDK's close: it will not be given another task, and a
     * fresh thread takes over what waits. The stuck thread cannot be stopped; it ends by itself if the close ever
     * returns.
     */
    public void abandon(Thread thread, String closing) {
        synchronized (this) {
            if (worker != null && worker.thread == thread) {
                retire(worker);
            }
        }
        GuardCounters.increment(GuardCounters.OWNERS_ABANDONED);
        GuardLog.warn(thread.getName() + " is stuck in the close of " + closing + " at " + where(thread)
                + "; it is left behind (a daemon) and a new owner thread takes over the other sessions of " + name);
    }

    public static boolean isOwnerThread(Thread thread) {
        return thread instanceof OwnerThread;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Replaces {@code stalled} as the thread that takes this owner's tasks. Caller holds the lock. */
    private void retire(Worker stalled) {
        stalled.retired = true;
        worker = queue.isEmpty() ? null : new Worker();
    }

    /** Caller holds the lock. */
    private void watchForStall(Worker w) {
        if (w.stallWatched) {
            return;
        }
        w.stallWatched = true;
        long task = w.taskNumber;
        Duration left = STALL.minusNanos(System.nanoTime() - w.taskStartedNanos);
        timer.after(left, () -> checkStall(w, task));
    }

    private synchronized void checkStall(Worker w, long task) {
        w.stallWatched = false;
        if (worker != w || w.task == null || queue.isEmpty()) {
            return;
        }
        if (w.taskNumber != task) {
            watchForStall(w);
            return;
        }
        retire(w);
        GuardCounters.increment(GuardCounters.OWNERS_STALLED);
        GuardLog.debug(w.thread.getName() + " has run one close for more than " + STALL.toMillis() + " ms at "
                + where(w.thread) + "; " + worker.thread.getName() + " takes the " + queue.size()
                + " waiting behind it");
    }

    /** The next task for {@code w}, waiting for one up to the idle limit; null when {@code w} is to end. */
    private synchronized Runnable take(Worker w) {
        w.task = null;
        long idleUntil = System.nanoTime() + IDLE_NANOS;
        while (!w.retired && queue.isEmpty()) {
            long left = idleUntil - System.nanoTime();
            if (left <= 0) {
                worker = null;
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                // Nobody but a close gone wrong interrupts an owner; it keeps serving its sessions.
            }
        }
        if (w.retired) {
            return null;
        }
        w.task = queue.poll();
        w.taskNumber++;
        w.taskStartedNanos = System.nanoTime();
        if (!queue.isEmpty()) {
            watchForStall(w);
        }
        return w.task;
    }

    /** The frame it waits in, then the first frames of code outside the JDK: the code that made it wait. */
    private static String where(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0) {
            return "(no stack)";
        }
        String caller = Arrays.stream(stack).skip(1).filter(frame -> !isJdk(frame)).limit(STACK_FRAMES_SHOWN)
                .map(Owner::frame).collect(Collectors.joining(" < "));
        return frame(stack[0]) + (caller.isEmpty() ? "" : " < ... < " + caller);
    }

    private static boolean isJdk(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("dev.mcpguard.agent.");
    }

    private static String frame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName()
                + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "");
    }

    private final class Worker implements Runnable {
        final Thread thread;
        // Guarded by the owner's lock.
        Runnable task;
        long taskNumber;
        long taskStartedNanos;
        boolean retired;
        boolean stallWatched;

        Worker() {
            int n = ++threadsStarted;
            thread = AgentThreads.create(() -> new OwnerThread(this, n == 1 ? name : name + "." + n));
            thread.start();
        }

        @Override
        public void run() {
            Runnable next;
            while ((next = take(this)) != null) {
                // A close that left the flag set must not cut short the next session's close.
                Thread.interrupted();
                try {
                    next.run();
                } catch (Throwable t) {
                    GuardLog.debug(thread.getName() + ": a close task failed", t);
                }
            }
        }
    }
}
