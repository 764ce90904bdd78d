package dev.mcpguard.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Long tool calls the gateway's workers have in flight on one session, and how they ended: when each one returned
 * or failed, and with what.
 */
final class CallsInFlight {

    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    /** How one call ended: when, and the error it failed with (null when it returned). */
    record End(long nanos, RuntimeException error) {
    }

    private final List<CompletableFuture<End>> calls;

    private CallsInFlight(List<CompletableFuture<End>> calls) {
        this.calls = calls;
    }

    /**
     * Starts {@code count} calls of {@code seconds} each on the workers and returns once they are under way: every
     * worker has begun its call, and the server has since answered a ping, so the calls' requests have been sent.
     */
    static CallsInFlight start(McpServerConnection connection, ExecutorService workers, int count, int seconds) {
        CountDownLatch begun = new CountDownLatch(count);
        List<CompletableFuture<End>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                begun.countDown();
                try {
                    connection.longCall(seconds);
                    return new End(System.nanoTime(), null);
                } catch (RuntimeException e) {
                    return new End(System.nanoTime(), e);
                }
            }, workers));
        }
        try {
            if (!begun.await(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the workers did not start the calls within " + START_DEADLINE.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting calls", e);
        }
        connection.ping();
        return new CallsInFlight(calls);
    }

    int count() {
        return calls.size();
    }

    /** How the first call ended, waiting at most {@code limit}; null if it is still pending then. */
    End awaitFirst(Duration limit) {
        return await(calls.get(0), System.nanoTime() + limit.toNanos());
    }

    /**
     * How the calls ended, relative to {@code sinceNanos}, waiting at most {@code limit} for them, e.g.
     * "2 failed within 10.1 s (RuntimeException: MCP session with server terminated)".
     */
    String outcome(long sinceNanos, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int failed = 0;
        int succeeded = 0;
        int pending = 0;
        long lastEnd = sinceNanos;
        String firstError = null;
        for (CompletableFuture<End> call : calls) {
            End end = await(call, deadline);
            if (end == null) {
                pending++;
                continue;
            }
            lastEnd = Math.max(lastEnd, end.nanos());
            if (end.error() == null) {
                succeeded++;
            } else {
                failed++;
                if (firstError == null) {
                    firstError = DemoGateway.describe(end.error());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (succeeded > 0) {
            parts.add(succeeded + " returned");
        }
        String text = String.join(", ", parts);
        if (failed + succeeded > 0) {
            text += String.format(" within %.1f s", (lastEnd - sinceNanos) / 1e9);
        }
        if (pending > 0) {
            text += (text.isEmpty() ? "" : ", ") + pending + " still pending";
        }
        return firstError == null ? text : text + " (" + firstError + ")";
    }

    private static End await(CompletableFuture<End> call, long deadlineNanos) {
        try {
            return call.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return new End(System.nanoTime(), new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
