package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The clients the scenarios build: the SDK's defaults except for short, fixed timeouts. */
public final class Clients {

    /** requestTimeout and initializationTimeout of every scenario client. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** server-everything's echo tool (the hostile test server has one too). */
    public static final CallToolRequest ECHO = new CallToolRequest("echo", Map.of("message", "hi"));

    private static final String EVERYTHING_INDEX_JS = "/server-everything/dist/index.js";

    private Clients() {
    }

    /** A sync client over Streamable HTTP to {@code url}, with the scenario's initialization timeout and a 3 s request timeout. */
    public static McpSyncClient streamable(String url, Duration initializationTimeout) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(url).build())
                .initializationTimeout(initializationTimeout)
                .requestTimeout(Duration.ofSeconds(3))
                .build();
    }

    /** What a failed call reports: the SDK's cause, which says what went wrong, rather than its wrapper. */
    public static String failure(RuntimeException e) {
        return String.valueOf(e.getCause() != null ? e.getCause() : e);
    }

    /** A sync client over {@code <stdio|streamable|sse> <target>}; not yet initialized. */
    public static McpSyncClient sync(String kind, String target) {
        return McpClient.sync(Transports.create(kind, target))
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT)
                .build();
    }

    /**
     * A sync client that is initialized and quiet. server-everything announces tools/list_changed right after
     * initialization and the SDK answers it with its own tools/list; a close that lands before that answer can
     * re-initialize the closed client (race 1b). Scenarios about something else wait for that answer first, so
     * the race cannot blur what they show. Other servers (the hostile test server) announce nothing and are not
     * waited for.
     */
    public static McpSyncClient initializedAndQuiet(String kind, String target) {
        return initializedAndQuiet(McpClient.sync(Transports.create(kind, target))
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT), kind, target);
    }

    /**
     * {@link #initializedAndQuiet(String, String)} for a client the scenario configures itself: {@code spec} is built
     * over {@code <kind> <target>} and not yet built; this adds the tools change consumer it waits on.
     */
    public static McpSyncClient initializedAndQuiet(McpClient.SyncSpec spec, String kind, String target) {
        CountDownLatch listed = new CountDownLatch(1);
        McpSyncClient client = spec.toolsChangeConsumer(tools -> listed.countDown()).build();
        client.initialize();
        awaitQuiet(client, listed, kind, target);
        return client;
    }

    /**
     * The wait of {@link #initializedAndQuiet(String, String)} for a client the scenario builds and initializes itself:
     * {@code listed} is counted down by its tools change consumer. A server that does not announce in time fails the
     * wait (the client closed).
     */
    public static void awaitQuiet(McpSyncClient client, CountDownLatch listed, String kind, String target) {
        boolean announcesToolChange = !kind.equals("stdio") || target.endsWith(EVERYTHING_INDEX_JS);
        if (!announcesToolChange) {
            return;
        }
        try {
            if (!listed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new IllegalStateException("server-everything sent no tools/list_changed within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static McpClient.AsyncSpec async(String kind, String target) {
        return McpClient.async(Transports.create(kind, target))
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT);
    }
}
