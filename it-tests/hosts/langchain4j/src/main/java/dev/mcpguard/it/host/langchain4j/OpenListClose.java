package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.util.List;
import java.util.Map;

/**
 * The start-up benchmark's LangChain4j client (it-tests/bench/startup-ab.sh, series {@code langchain4j}), the
 * counterpart of the SDK's {@code OpenCallClose}: a {@code DefaultMcpClient} over stdio, its tool list, its close,
 * and the end of the JVM. Arguments: {@code <node> <server-everything index.js>}.
 */
public final class OpenListClose {

    private OpenListClose() {
    }

    public static void main(String[] args) {
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(new StdioMcpTransport.Builder()
                        .command(List.of(args[0], args[1], "stdio"))
                        .environment(Map.of())
                        .build())
                .autoHealthCheck(false)
                .build();
        try {
            System.out.println(client.listTools().size() + " tools");
        } finally {
            client.close();
        }
    }
}
