package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting in the tests of the start: for a latch, and until a thread waits. */
final class Waits {

    private Waits() {
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until {@code thread} waits, with or without a time limit (within 10 s), which it must. */
    static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waiting(thread) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(waiting(thread), thread + " is " + thread.getState() + ", not waiting");
    }

    /**
     * Starts {@code thread}, which must come to wait, then releases what it waits for, whatever happened, so that a
     * failed test leaves nothing waiting.
     */
    static void startWaitingThenRelease(Thread thread, CountDownLatch release) {
        try {
            thread.start();
            awaitWaiting(thread);
        } finally {
            release.countDown();
        }
    }

    private static boolean waiting(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
