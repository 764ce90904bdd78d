package dev.mcpguard.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls a server a number of times, spread over the gateway's worker threads: its echo tool, or a ping for a server
 * without one.
 */
final class WorkerCalls {

    /** Counts of one batch of calls, and the first failure to show the user. */
    record Outcome(int ok, int failed, String firstError) {
    }

    private WorkerCalls() {
    }

    static Outcome run(McpServerConnection connection, boolean echo, ExecutorService workers, int calls,
            Duration deadline) throws InterruptedException {
        List<Callable<String>> tasks = new ArrayList<>(calls);
        for (int i = 1; i <= calls; i++) {
            String message = connection.name() + " call " + i;
            tasks.add(echo ? () -> connection.echo(message) : () -> {
                connection.ping();
                return "pong";
            });
        }
        // invokeAll cancels whatever has not finished by the deadline, so this cannot hang.
        List<Future<String>> results = workers.invokeAll(tasks, deadline.toMillis(), TimeUnit.MILLISECONDS);
        int ok = 0;
        int failed = 0;
        String firstError = null;
        for (Future<String> result : results) {
            try {
                result.get();
                ok++;
            } catch (ExecutionException | CancellationException e) {
                failed++;
                if (firstError == null) {
                    firstError = e instanceof CancellationException
                            ? "no reply within " + deadline.toSeconds() + "s"
                            : String.valueOf(e.getCause());
                }
            }
        }
        return new Outcome(ok, failed, firstError);
    }
}
