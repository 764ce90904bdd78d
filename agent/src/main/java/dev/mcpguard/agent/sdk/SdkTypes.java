package dev.mcpguard.agent.sdk;

/** Names of the SDK classes the agent weaves or relies on; the same across the supported SDK lines. */
public final class SdkTypes {

    public static final String ASYNC_CLIENT = "io.modelcontextprotocol.client.McpAsyncClient";
    public static final String SYNC_CLIENT = "io.modelcontextprotocol.client.McpSyncClient";
    public static final String LIFECYCLE_INITIALIZER = "io.modelcontextprotocol.client.LifecycleInitializer";
    public static final String CLIENT_TRANSPORT = "io.modelcontextprotocol.spec.McpClientTransport";
    public static final String STDIO_TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";
    public static final String STREAMABLE_TRANSPORT =
            "io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport";
    public static final String SSE_TRANSPORT = "io.modelcontextprotocol.client.transport.HttpClientSseClientTransport";

    private SdkTypes() {
    }
}
