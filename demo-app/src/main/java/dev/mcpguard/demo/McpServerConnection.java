package dev.mcpguard.demo;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gateway's link to one MCP server: an SDK sync client over a transport made by a factory, so
 * that a fresh transport can be made for every connect.
 */
final class McpServerConnection {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INITIALIZATION_TIMEOUT = Duration.ofSeconds(30);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** server-everything's tool that takes as long as it is asked to. */
    static final String LONG_CALL = "trigger-long-running-operation";

    private final String name;
    private final Supplier<McpClientTransport> transportFactory;
    private volatile McpSyncClient client;
    private volatile McpSchema.InitializeResult initialized;

    private McpServerConnection(String name, Supplier<McpClientTransport> transportFactory) {
        this.name = name;
        this.transportFactory = transportFactory;
    }

    /** A server the SDK spawns itself and talks to over its stdin/stdout. */
    static McpServerConnection stdio(String name, String command, List<String> args) {
        ServerParameters parameters = ServerParameters.builder(command).args(args).build();
        return new McpServerConnection(name, () -> new StdioClientTransport(parameters, McpJsonDefaults.getMapper()));
    }

    /** A server already listening at {@code baseUrl}, spoken to with Streamable HTTP at {@code endpoint}. */
    static McpServerConnection streamableHttp(String name, String baseUrl, String endpoint) {
        return new McpServerConnection(name, () -> HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint)
                .connectTimeout(CONNECT_TIMEOUT)
                .build());
    }

    String name() {
        return name;
    }

    /** Opens the session: builds a client on a new transport and runs the MCP initialize handshake. */
    McpSchema.InitializeResult connect() {
        McpSyncClient newClient = McpClient.sync(transportFactory.get())
                .clientInfo(McpSchema.Implementation.builder("mcp-guard-demo", DemoGateway.version()).build())
                .initializationTimeout(INITIALIZATION_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
        client = newClient;
        initialized = newClient.initialize();
        return initialized;
    }

    /** The server's tools; none for a server that did not announce tools when it initialized (the SDK would refuse). */
    List<McpSchema.Tool> tools() {
        McpSchema.InitializeResult init = initialized;
        return init == null || init.capabilities() == null || init.capabilities().tools() == null ? List.of()
                : requireClient().listTools().tools();
    }

    /** Calls the echo tool and returns its text; a tool error or a reply without the message is an error. */
    String echo(String message) {
        McpSchema.CallToolResult result = requireClient().callTool(
                McpSchema.CallToolRequest.builder("echo").arguments(Map.of("message", message)).build());
        String text = result.content() == null ? "" : result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(content -> ((McpSchema.TextContent) content).text())
                .collect(Collectors.joining(" "));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException("echo failed: " + text);
        }
        if (!text.contains(message)) {
            throw new IllegalStateException("echo returned '" + text + "' for '" + message + "'");
        }
        return text;
    }

    /** A tool call that takes a few seconds: the kind a planned reconnect catches in flight. */
    void longCall() {
        longCall(3);
    }

    /** A tool call that takes {@code seconds} on the server. */
    void longCall(int seconds) {
        requireClient().callTool(McpSchema.CallToolRequest.builder(LONG_CALL)
                .arguments(Map.of("duration", seconds, "steps", seconds)).build());
    }

    /** An MCP ping: returns once the server answered, throws when it did not within the request timeout. */
    void ping() {
        requireClient().ping();
    }

    /** A connection like this one, on a fresh transport, for the next session. */
    McpServerConnection fresh() {
        return new McpServerConnection(name, transportFactory);
    }

    /**
     * Closes the session the polite way (the SDK waits for the transport to shut down); returns
     * false when the SDK reports that it did not close in time. Closing twice does nothing.
     */
    boolean close() {
        McpSyncClient closing = client;
        client = null;
        return closing == null || closing.closeGracefully();
    }

    private McpSyncClient requireClient() {
        McpSyncClient current = client;
        if (current == null) {
            throw new IllegalStateException(name + " is not connected");
        }
        return current;
    }
}
