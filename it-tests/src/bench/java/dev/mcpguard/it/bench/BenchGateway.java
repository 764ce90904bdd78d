package dev.mcpguard.it.bench;

import dev.mcpguard.it.app.Clients;
import dev.mcpguard.it.app.Scenarios;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One server's link in a gateway, written the way gateways write it: it serves a request (server-everything's echo)
 * every {@link #INTERVAL}, and a request that fails is simply the next one's problem. Two ways to reconnect:
 * <ul>
 * <li>{@code keep}: one client for life; after a failure the next request goes through the same client, and the SDK
 * reconnects by itself (it re-initializes after session-not-found, and after a failed initialization on the next
 * call) — the loop the agent's reconnect budget guards;
 * <li>{@code rebuild}: after a failure the client is closed and the next request builds a new one and initializes
 * it, as the demo's {@code ReconnectLoop} does, only without giving up.
 * </ul>
 * The times of the successful requests ({@link System#nanoTime()}) are what the benchmark reads.
 */
final class BenchGateway implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String url;
    private final boolean rebuild;
    private final List<Long> successes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private int requests;
    private int failures;
    private String lastFailure = "";

    private BenchGateway(String name, String strategy, String url) {
        if (!strategy.equals("keep") && !strategy.equals("rebuild")) {
            throw new IllegalArgumentException("strategy is keep or rebuild, not " + strategy);
        }
        this.name = name;
        this.url = url;
        this.rebuild = strategy.equals("rebuild");
        this.thread = new Thread(this::serve, "gateway-" + name);
    }

    /** Starts serving requests from a thread of its own (named {@code gateway-<name>}). */
    static BenchGateway start(String name, String strategy, String url) {
        BenchGateway gateway = new BenchGateway(name, strategy, url);
        gateway.thread.start();
        return gateway;
    }

    String name() {
        return name;
    }

    private void serve() {
        McpSyncClient client = null;
        while (!stop) {
            try {
                if (client == null) {
                    client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url).build())
                            .requestTimeout(TIMEOUT)
                            .initializationTimeout(TIMEOUT)
                            .build();
                    if (rebuild) {
                        client.initialize();
                    }
                }
                CallToolResult result = client.callTool(Clients.ECHO);
                if (Boolean.TRUE.equals(result.isError())) {
                    throw new IllegalStateException("echo failed: " + result);
                }
                succeeded();
            } catch (RuntimeException e) {
                failed(e);
                if (rebuild && client != null) {
                    closeQuietly(client);
                    client = null;
                }
            }
            sleep(INTERVAL.toMillis());
        }
        if (client != null) {
            closeQuietly(client);
        }
    }

    private synchronized void succeeded() {
        requests++;
        successes.add(System.nanoTime());
        notifyAll();
    }

    private synchronized void failed(RuntimeException e) {
        requests++;
        failures++;
        lastFailure = Scenarios.describe(e);
    }

    /** Waits for the first successful request that started after {@code nanos}; its time, or -1 after the limit. */
    synchronized long firstSuccessAfter(long nanos, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (long success : successes) {
                if (success - nanos > 0) {
                    return success;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until {@code count} requests in all have succeeded. */
    synchronized boolean awaitSuccesses(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (successes.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int successes() {
        return successes.size();
    }

    synchronized String describe() {
        return name + ": requests=" + requests + " failures=" + failures + " lastFailure=" + lastFailure;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(TIMEOUT.multipliedBy(3).toMillis());
    }

    private static void closeQuietly(McpSyncClient client) {
        try {
            client.closeGracefully();
        } catch (RuntimeException ignored) {
            // the server is gone; what matters is that this client is done
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
