package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A gateway that builds a new {@code DefaultMcpClient} after each failure (no health check, so LangChain4j makes no
 * attempt of its own) against a stdio server gone for good: the slow-ping server in its serve-once mode, whose first
 * client's server is killed. Within a fixed window it builds a client, and after a failed build waits 100 ms and
 * builds again. Reports the server starts in the window (each a connection attempt), the builds, and the builds
 * refused by mcp-guard's reconnect budget (their error names it).
 * Arguments: {@code <node> <slow-ping-server.mjs> <window ms>}.
 */
public final class RebuildsAfterEachFailure {

    private static final Duration PAUSE = Duration.ofMillis(100);

    private RebuildsAfterEachFailure() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        String node = args[0];
        String server = args[1];
        long windowMillis = Long.parseLong(args[2]);
        try (ServeOnceFile once = new ServeOnceFile()) {
            Map<String, String> environment = once.environment();
            StdioMcpTransport first = transport(node, server, environment);
            DefaultMcpClient client = client(first, Duration.ofSeconds(5));
            Process process = first.getProcess();
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            client.close();

            long before = once.starts();
            int builds = 0;
            int refused = 0;
            String lastError = "";
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(windowMillis);
            while (System.nanoTime() - deadline < 0) {
                builds++;
                try {
                    client(transport(node, server, environment), Duration.ofMillis(500)).close();
                } catch (RuntimeException e) {
                    lastError = String.valueOf(e.getMessage());
                    if (lastError.contains("mcp-guard reconnect budget")) {
                        refused++;
                    }
                }
                Thread.sleep(PAUSE.toMillis());
            }
            report.accept("attempts", Long.toString(once.starts() - before));
            report.accept("builds", Integer.toString(builds));
            report.accept("refused", Integer.toString(refused));
            report.accept("lastError", lastError);
        }
    }

    private static StdioMcpTransport transport(String node, String server, Map<String, String> environment) {
        return new StdioMcpTransport.Builder().command(List.of(node, server)).environment(environment).build();
    }

    private static DefaultMcpClient client(StdioMcpTransport transport, Duration initializationTimeout) {
        return new DefaultMcpClient.Builder()
                .transport(transport)
                .initializationTimeout(initializationTimeout)
                .autoHealthCheck(false)
                .build();
    }
}
