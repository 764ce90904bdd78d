package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * langchain4j #2977: a {@code DefaultMcpClient} over stdio, auto health check every 200 ms, whose server is killed
 * and cannot start again (the slow-ping server in its serve-once mode). From 1.10 LangChain4j reconnects on every
 * failed health check, without end, each time starting the server again; before 1.10 the first failed reconnection's
 * exception escapes the scheduled health check and ends it. Counts the starts (the lines the server adds to its once
 * file) after the kill within a fixed window, then closes the client.
 * Arguments: {@code <node> <slow-ping-server.mjs> <window ms>}.
 */
public final class ServerGoneForGood {

    private static final Duration HEALTH_CHECK_INTERVAL = Duration.ofMillis(200);

    private ServerGoneForGood() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        String node = args[0];
        String server = args[1];
        long windowMillis = Long.parseLong(args[2]);
        ServeOnceFile once = new ServeOnceFile();
        StdioMcpTransport transport = new StdioMcpTransport.Builder()
                .command(List.of(node, server))
                .environment(once.environment())
                .build();
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(transport)
                .initializationTimeout(Duration.ofSeconds(1))
                .autoHealthCheck(true)
                .autoHealthCheckInterval(HEALTH_CHECK_INTERVAL)
                .build();
        try {
            Process first = transport.getProcess();
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
            long before = once.starts();
            // The measurement itself: how many reconnections LangChain4j makes in this window.
            Thread.sleep(windowMillis);
            report.accept("attempts", Long.toString(once.starts() - before));
        } finally {
            client.close();
            once.close();
        }
    }
}
