package dev.mcpguard.bootstrap;

import java.util.concurrent.CountDownLatch;

/**
 * At premain the agent's runtime is built on a thread of its own while the application starts, and the library
 * classes it weaves may load before it is done: they are woven as soon as the weaving is known, so that the
 * application's first library class does not wait for the whole start. Woven code that calls a hook before then
 * waits here until the runtime listens (or the start gave up), so that no session opens unseen. Once nothing is
 * pending, a hook pays one volatile read.
 */
public final class RuntimeGate {

    private static volatile CountDownLatch pending;
    private static volatile Thread builder;

    private RuntimeGate() {
    }

    /** The runtime is being built by {@code thread}: hooks called on other threads wait for {@link #open}. */
    public static synchronized void building(Thread thread) {
        builder = thread;
        pending = new CountDownLatch(1);
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
     * Waits, uninterruptibly (the flag is kept for the host), while the runtime is being built; at once on the thread
     * that builds it, which never runs woven code it would be waiting for.
     */
    static void await() {
        CountDownLatch latch = pending;
        if (latch == null || Thread.currentThread() == builder) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
