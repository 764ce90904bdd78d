package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open, use and close HTTP sessions one after the other, then report the JDK HttpClient threads still alive
 * ({@code httpClientThreads}), after giving them a bounded time to end, without a forced GC. The closed clients stay
 * reachable until then, as in a host that keeps them in a field: on JDK 21+ an HttpClient nobody references ends its
 * threads at the next GC, which would make the count depend on when one runs. Arguments:
 * {@code <streamable|sse> <url> [sessions] [close]} (one session unless given; with {@code close} each session ends
 * with the quick {@code close()} that try-with-resources calls, otherwise with {@code closeGracefully()}).
 */
public final class HttpClientThreads extends ScenarioApp {

    private static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * After a quick close the agent ends a client once it has nothing in flight, which it waits for 10 s at most: a
     * busy machine can keep the last exchanges of a session (its DELETE, its event stream's cancel) open for seconds.
     */
    private static final Duration SETTLE_AFTER_QUICK_CLOSE = Duration.ofSeconds(12);

    public static void main(String[] args) {
        new HttpClientThreads().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean quick = args.length > 3 && args[3].equals("close");
        boolean allClosed = true;
        List<McpSyncClient> closedClients = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            McpSyncClient client = McpClient.sync(Transports.create(args[0], args[1])).build();
            client.initialize();
            client.listTools();
            if (quick) {
                client.close();
            } else {
                allClosed &= client.closeGracefully();
            }
            closedClients.add(client);
        }
        report.put("closed", allClosed);
        report.put("httpClientThreads", String.join(",", Scenarios.httpClientThreadsLeft(
                quick ? SETTLE_AFTER_QUICK_CLOSE : SETTLE)));
        Reference.reachabilityFence(closedClients);
    }
}
