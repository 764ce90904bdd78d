package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Open, use and close an HTTP session, then report the JDK HttpClient threads still alive
 * ({@code httpClientThreads}), after giving them a bounded time to end. Arguments: {@code <streamable|sse> <url>}.
 */
public final class HttpClientThreads extends ScenarioApp {

    private static final long SETTLE_MS = 5_000;

    public static void main(String[] args) {
        new HttpClientThreads().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        McpSyncClient client = McpClient.sync(Transports.create(args[0], args[1])).build();
        client.initialize();
        client.listTools();
        report.put("closed", client.closeGracefully());
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        List<String> left = httpClientThreads();
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            left = httpClientThreads();
        }
        report.put("httpClientThreads", String.join(",", left));
    }

    private static List<String> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-"))
                .sorted()
                .collect(Collectors.toList());
    }
}
