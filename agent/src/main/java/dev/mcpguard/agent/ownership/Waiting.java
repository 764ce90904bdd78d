package dev.mcpguard.agent.ownership;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** When a caller may wait for a close, and how it waits: bounded, and deaf to interrupts it then passes on. */
final class Waiting {

    private Waiting() {
    }

    /** The agent's own threads, where a caller must never wait for a close: that would wait for itself. */
    static boolean onAgentThread() {
        Thread thread = Thread.currentThread();
        return Owner.isOwnerThread(thread) || Timer.isTimerThread(thread);
    }

    /**
     * Waits up to {@code limit}; an interrupt does not end the wait (it would abandon a close half done, which is
     * how the SDK leaks processes today) but is restored for the caller. Returns null on timeout or failure.
     */
    static <T> T uninterruptibly(CompletableFuture<T> future, Duration limit) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    return future.get(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
