package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;

/**
 * Turns the two scenario arguments {@code <stdio|streamable|sse> <target>} into an SDK transport.
 * For stdio the target is server-everything's index.js (started as {@code node <index.js> stdio});
 * for the HTTP transports it is the server's base URL {@code http://127.0.0.1:PORT}.
 */
public final class Transports {

    private Transports() {
    }

    public static McpClientTransport create(String kind, String target) {
        switch (kind) {
            case "stdio":
                ServerParameters server = ServerParameters.builder("node").args(target, "stdio").build();
                return new StdioClientTransport(server, McpJsonDefaults.getMapper());
            case "streamable":
                return HttpClientStreamableHttpTransport.builder(target).build();
            case "sse":
                return HttpClientSseClientTransport.builder(target).build();
            default:
                throw new IllegalArgumentException("transport must be stdio, streamable or sse, not '" + kind + "'");
        }
    }
}
