package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.reflect.Reactor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** When a caller may wait for a close, and how it waits: bounded, and deaf to interrupts it then passes on. */
final class Waiting {

    private static final String STDIO_TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";

    private Waiting() {
    }

    /**
     * Waiting is itself the defect on the agent's own threads, on Reactor non-blocking threads (blocking there
     * throws) and on the stdio transport's threads (the close shuts the very executor the caller runs on down, and
     * the caller is interrupted). There the close is handed over and the caller returns at once.
     */
    static boolean mustNotWait(Object sdkObject) {
        Thread thread = Thread.currentThread();
        if (Owner.isOwnerThread(thread) || Timer.isTimerThread(thread)) {
            return true;
        }
        if (Reactor.of(sdkObject).isNonBlocking(thread)) {
            return true;
        }
        return StackWalker.getInstance().walk(frames ->
                frames.anyMatch(frame -> frame.getClassName().startsWith(STDIO_TRANSPORT)));
    }

    /**
     * Whether the subscription now under way comes from a Reactor {@code block()} on this thread, which waits for the
     * outcome right here, rather than from a chain that goes on when the outcome comes.
     */
    static boolean blockedOnHere() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getClassName().startsWith("reactor.core.publisher.") && frame.getMethodName().startsWith("block")));
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
