package dev.mcpguard.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * At premain the agent's runtime is built on a thread of its own while the application starts, and the library
 * classes it weaves may load before it is done: they are woven as soon as the weaving is known, so that the
 * application's first library class does not wait for the whole start. Woven code that calls a hook before then
 * waits here until the runtime listens (or the start gave up), so that no session opens unseen. Once nothing is
 * pending, a hook pays one volatile read. A start that hangs (its log file on a dead mount) must not hang the host:
 * after {@link #WAIT_SECONDS} the gate gives up, says so once, and woven code runs the library's own until the
 * runtime listens.
 */
public final class RuntimeGate {

    static final long WAIT_SECONDS = 30;

    private static volatile CountDownLatch pending;
    private static volatile Thread builder;

    private RuntimeGate() {
    }

    /** The runtime is being built by {@code thread}: hooks called on other threads wait for {@link #open}. */
    public static synchronized void building(Thread thread) {
        CountDownLatch earlier = pending;
        builder = thread;
        pending = new CountDownLatch(1);
        if (earlier != null) {
            earlier.countDown();
        }
    }

    /**
     * The runtime {@code thread} builds listens, or that start ended without it: nothing waits for it any more. A
     * start that is not the one being waited for (it opens twice, or was never building) changes nothing.
     */
    public static synchronized void open(Thread thread) {
        CountDownLatch latch = pending;
        if (latch == null || builder != thread) {
            return;
        }
        pending = null;
        builder = null;
        latch.countDown();
    }

    /**
     * Waits, uninterruptibly (the flag is kept for the host) and at most {@link #WAIT_SECONDS}, while the runtime is
     * being built; at once on the thread that builds it, which never runs woven code it would be waiting for.
     */
    static void await() {
        CountDownLatch latch = pending;
        if (latch == null || Thread.currentThread() == builder) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        boolean interrupted = false;
        boolean opened = false;
        while (true) {
            try {
                opened = latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!opened) {
            giveUp(latch);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void giveUp(CountDownLatch latch) {
        if (pending == latch) {
            pending = null;
            builder = null;
            latch.countDown();
            System.err.println("[mcp-guard] WARN the agent's start has not ended in " + WAIT_SECONDS
                    + " s; MCP client code runs unguarded until it does");
        }
    }
}
