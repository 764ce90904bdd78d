package dev.mcpguard.agent.sdk;

/**
 * Every name of the official Java MCP SDK ({@code io.modelcontextprotocol.sdk:mcp}) the agent relies on, declared
 * once: the classes it weaves or reads, and each member, which the instrumentations register with the reference
 * check ({@code SdkMembersTest} fails for a member no instrumentation registers). The names are the same on every
 * supported SDK line.
 */
public final class Sdk {

    /** Every class of the SDK is under it: a thread running any of them runs SDK code. */
    public static final String PACKAGE = "io.modelcontextprotocol.";
    /** The SDK's Maven group: its jars are named {@code <group>:<artifact> <version>}. */
    public static final String MAVEN_GROUP = "io.modelcontextprotocol.sdk";

    public static final String ASYNC_CLIENT = "io.modelcontextprotocol.client.McpAsyncClient";
    public static final String SYNC_CLIENT = "io.modelcontextprotocol.client.McpSyncClient";
    public static final String LIFECYCLE_INITIALIZER = "io.modelcontextprotocol.client.LifecycleInitializer";
    public static final String DEFAULT_INITIALIZATION = LIFECYCLE_INITIALIZER + "$DefaultInitialization";
    public static final String CLIENT_SESSION = "io.modelcontextprotocol.spec.McpClientSession";
    public static final String CLIENT_TRANSPORT = "io.modelcontextprotocol.spec.McpClientTransport";
    public static final String STDIO_TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";
    public static final String SERVER_PARAMETERS = "io.modelcontextprotocol.client.transport.ServerParameters";
    public static final String STREAMABLE_TRANSPORT =
            "io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport";
    public static final String SSE_TRANSPORT = "io.modelcontextprotocol.client.transport.HttpClientSseClientTransport";

    // McpAsyncClient: the session.
    public static final SdkMember CLIENT_CONSTRUCTOR =
            SdkMember.constructor(ASYNC_CLIENT, "<init>(McpClientTransport, ...)", CLIENT_TRANSPORT);
    public static final SdkMember CLIENT_CLOSE = SdkMember.method(ASYNC_CLIENT, "close()", 0);
    public static final SdkMember CLIENT_CLOSE_GRACEFULLY = SdkMember.method(ASYNC_CLIENT, "closeGracefully()", 0);
    public static final SdkMember CLIENT_IS_INITIALIZED = SdkMember.method(ASYNC_CLIENT, "isInitialized()", 0);
    public static final SdkMember CLIENT_TRANSPORT_FIELD = SdkMember.field(ASYNC_CLIENT, "transport");
    public static final SdkMember CLIENT_INITIALIZER = SdkMember.field(ASYNC_CLIENT, "initializer");

    // McpSyncClient: a blocking face of one McpAsyncClient.
    public static final SdkMember SYNC_CLOSE_GRACEFULLY =
            SdkMember.method(SYNC_CLIENT, "closeGracefully()", 0, null, boolean.class);
    public static final SdkMember SYNC_DELEGATE = SdkMember.field(SYNC_CLIENT, "delegate");

    // LifecycleInitializer: every (re-)initialization, and the SDK's session behind it.
    public static final SdkMember WITH_INITIALIZATION = SdkMember.method(LIFECYCLE_INITIALIZER,
            "withInitialization(String, Function)", 2, "java.lang.String", null);
    public static final SdkMember DO_INITIALIZE =
            SdkMember.method(LIFECYCLE_INITIALIZER, "doInitialize(DefaultInitialization, ...)", 3);
    public static final SdkMember INITIALIZATION_REF = SdkMember.field(LIFECYCLE_INITIALIZER, "initializationRef");
    public static final SdkMember INITIALIZATION_SESSION = SdkMember.field(DEFAULT_INITIALIZATION, "mcpClientSession");
    public static final SdkMember INITIALIZATION_SINK = SdkMember.field(DEFAULT_INITIALIZATION, "initSink");
    public static final SdkMember PENDING_RESPONSES = SdkMember.field(CLIENT_SESSION, "pendingResponses");

    // StdioClientTransport: a server process and three executors.
    public static final SdkMember STDIO_CONSTRUCTOR = SdkMember.constructor(STDIO_TRANSPORT, "<init>(...)", null);
    public static final SdkMember STDIO_CONNECT = SdkMember.method(STDIO_TRANSPORT, "connect(Function)", 1);
    public static final SdkMember STDIO_START_INBOUND =
            SdkMember.method(STDIO_TRANSPORT, "startInboundProcessing()", 0);
    public static final SdkMember STDIO_PROCESS = SdkMember.field(STDIO_TRANSPORT, "process");
    public static final SdkMember STDIO_PARAMS = SdkMember.field(STDIO_TRANSPORT, "params");
    public static final SdkMember[] STDIO_SCHEDULERS = {
        SdkMember.field(STDIO_TRANSPORT, "inboundScheduler"),
        SdkMember.field(STDIO_TRANSPORT, "outboundScheduler"),
        SdkMember.field(STDIO_TRANSPORT, "errorScheduler")};
    public static final SdkMember SERVER_COMMAND = SdkMember.method(SERVER_PARAMETERS, "getCommand()", 0);

    // The HTTP transports: an HttpClient each, built by their Builder from the host's HttpClient.Builder.
    public static final SdkMember STREAMABLE_BASE_URI = SdkMember.field(STREAMABLE_TRANSPORT, "baseUri");
    public static final SdkMember STREAMABLE_HTTP_CLIENT = SdkMember.field(STREAMABLE_TRANSPORT, "httpClient");
    public static final SdkMember STREAMABLE_BUILD = SdkMember.method(STREAMABLE_TRANSPORT + "$Builder", "build()", 0);
    public static final SdkMember STREAMABLE_CLIENT_BUILDER = SdkMember.field(STREAMABLE_TRANSPORT + "$Builder",
            "clientBuilder");
    public static final SdkMember SSE_BASE_URI = SdkMember.field(SSE_TRANSPORT, "baseUri");
    public static final SdkMember SSE_HTTP_CLIENT = SdkMember.field(SSE_TRANSPORT, "httpClient");
    public static final SdkMember SSE_BUILD = SdkMember.method(SSE_TRANSPORT + "$Builder", "build()", 0);
    public static final SdkMember SSE_CLIENT_BUILDER = SdkMember.field(SSE_TRANSPORT + "$Builder", "clientBuilder");

    private Sdk() {
    }

    /** Whether {@code transport} is one of the SDK's HTTP transports, and which one's members to read. */
    static boolean isStreamable(Object transport) {
        return transport != null && transport.getClass().getName().equals(STREAMABLE_TRANSPORT);
    }

    static boolean isSse(Object transport) {
        return transport != null && transport.getClass().getName().equals(SSE_TRANSPORT);
    }

    static boolean isStdio(Object transport) {
        return transport != null && transport.getClass().getName().equals(STDIO_TRANSPORT);
    }
}
