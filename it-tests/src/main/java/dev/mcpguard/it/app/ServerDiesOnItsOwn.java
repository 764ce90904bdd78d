package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * R4: the stdio server dies while a long call is in flight. Reports how long the pending call and the next call
 * took to fail ({@code pendingFailedMs}, {@code nextFailedMs}) and what they failed with.
 * Arguments: {@code stdio <index.js>}.
 *
 * <p>The scenario never sends two messages at once: SDK lines before 2.1 can lose or reject a send that races
 * another one ("Failed to enqueue message", java-sdk #875), which would fail the long call with the SDK's own error
 * instead of the server's exit. So the long call waits until the client is quiet (the SDK has answered
 * server-everything's tools/list_changed), and that it is pending is proven by the server's first progress
 * notification for it, not by a request sent alongside.
 */
public final class ServerDiesOnItsOwn extends ScenarioApp {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** The long call: one progress notification a second, then the result after 6 s; the server is killed after the first. */
    private static final int LONG_CALL_SECONDS = 6;
    private static final String PROGRESS_TOKEN = "server-dies-on-its-own";

    public static void main(String[] args) {
        new ServerDiesOnItsOwn().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        CompletableFuture<ProgressNotification> firstProgress = new CompletableFuture<>();
        // Quiet first (Clients.initializedAndQuiet): the SDK's own tools/list, its answer to server-everything's
        // tools/list_changed, would be a second send racing the long call.
        McpSyncClient client = Clients.initializedAndQuiet(McpClient.sync(Transports.create(args[0], args[1]))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .progressConsumer(progress -> {
                    if (PROGRESS_TOKEN.equals(progress.progressToken())) {
                        firstProgress.complete(progress);
                    }
                }), args[0], args[1]);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            report.noteChildren();
            long sentAt = System.nanoTime();
            CompletableFuture<?> longCall = CompletableFuture.supplyAsync(() -> client.callTool(new CallToolRequest(
                    "trigger-long-running-operation",
                    Map.of("duration", LONG_CALL_SECONDS, "steps", LONG_CALL_SECONDS),
                    Map.of("progressToken", PROGRESS_TOKEN))), caller);
            awaitPending(firstProgress, longCall);
            report.put("progressAfterMs", (System.nanoTime() - sentAt) / 1_000_000);
            long killedAt = System.nanoTime();
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
            try {
                longCall.get();
                report.put("pending", "succeeded");
            } catch (ExecutionException e) {
                report.put("pendingFailedMs", (System.nanoTime() - killedAt) / 1_000_000);
                report.put("pending", String.valueOf(e.getCause()));
            }
            long next = System.nanoTime();
            try {
                client.ping();
                report.put("next", "succeeded");
            } catch (RuntimeException e) {
                report.put("nextFailedMs", (System.nanoTime() - next) / 1_000_000);
                report.put("next", e.toString());
            }
        } finally {
            caller.shutdownNow();
            client.close();
        }
    }

    /**
     * Waits, at most the request timeout, until the server has reported progress on the long call: then the server
     * is working on it and the client is waiting for its result. Fails the scenario if the call ended first (it must
     * still be pending when the server dies) or nothing came.
     */
    private static void awaitPending(CompletableFuture<ProgressNotification> firstProgress, CompletableFuture<?> longCall)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(firstProgress, longCall).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the long call ended before the server reported progress", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no progress on the long call within " + REQUEST_TIMEOUT);
        }
        if (!firstProgress.isDone()) {
            throw new IllegalStateException("the long call ended before the server reported progress: " + longCall.join());
        }
    }
}
