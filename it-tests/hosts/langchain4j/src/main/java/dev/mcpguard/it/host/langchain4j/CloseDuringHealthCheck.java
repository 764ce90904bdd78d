package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * langchain4j #6426 as a user meets it: a {@code DefaultMcpClient} over stdio with its auto health check every
 * 200 ms, against a server whose ping takes 500 ms, closed while a health-check ping is in flight. Closing interrupts
 * the health check, whose failure goes to LangChain4j's reconnection, which starts the transport again after the
 * close: a new server process nobody closes. Arguments: {@code <node> <slow-ping-server.mjs> <rounds>}.
 *
 * <p>Reports per round the server's pid at the close ({@code serverAtCloseN}) and how long {@code close()} took
 * ({@code closeMsN}); the scenario app around it reports which children are still alive.
 */
public final class CloseDuringHealthCheck {

    private static final Duration HEALTH_CHECK_INTERVAL = Duration.ofMillis(200);

    private CloseDuringHealthCheck() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        String node = args[0];
        String server = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<Long> atClose = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            StdioMcpTransport transport = new StdioMcpTransport.Builder()
                    .command(List.of(node, server))
                    .environment(Map.of())
                    .build();
            DefaultMcpClient client = new DefaultMcpClient.Builder()
                    .key("round-" + round)
                    .transport(transport)
                    .autoHealthCheck(true)
                    .autoHealthCheckInterval(HEALTH_CHECK_INTERVAL)
                    .build();
            // Built means initialized: what is in flight now is a health-check ping.
            InFlight.await(client, "health-check ping");
            long pid = transport.getProcess().pid();
            atClose.add(pid);
            long start = System.nanoTime();
            client.close();
            report.accept("closeMs" + round, Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            report.accept("serverAtClose" + round, Long.toString(pid));
        }
        report.accept("serversAtClose", String.join(",", atClose.stream().map(String::valueOf).toList()));
        report.accept("rounds", Integer.toString(rounds));
    }
}
