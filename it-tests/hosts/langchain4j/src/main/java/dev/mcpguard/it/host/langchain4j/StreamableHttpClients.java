package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code DefaultMcpClient}s over Streamable HTTP opened, used and closed one after the other, as a gateway does
 * per conversation. Each transport builds an HttpClient for itself, which its {@code close()} ends on JDK 21+ only.
 * Arguments: {@code <url> <clients>}. Reports {@code clients} closed; the app around it reports the HttpClient threads
 * they left. The closed clients stay reachable, as in a host that keeps them in a registry, so that the count does
 * not depend on whether a GC ran (an HttpClient nobody references ends its threads at the next one).
 */
public final class StreamableHttpClients {

    private static final List<DefaultMcpClient> CLOSED = new ArrayList<>();

    private StreamableHttpClients() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        String url = args[0];
        int clients = Integer.parseInt(args[1]);
        for (int i = 0; i < clients; i++) {
            DefaultMcpClient client = new DefaultMcpClient.Builder()
                    .transport(new StreamableHttpMcpTransport.Builder().url(url).build())
                    .build();
            client.listTools();
            client.close();
            CLOSED.add(client);
        }
        report.accept("clients", Integer.toString(clients));
    }
}
