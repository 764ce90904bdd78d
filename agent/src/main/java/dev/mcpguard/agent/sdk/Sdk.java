package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.reconnect.ConnectionFailures;

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
    public static final String TRANSPORT_SESSION = "io.modelcontextprotocol.spec.DefaultMcpTransportSession";
    public static final String CLIENT_TRANSPORT = "io.modelcontextprotocol.spec.McpClientTransport";
    public static final String STDIO_TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";
    public static final String SERVER_PARAMETERS = "io.modelcontextprotocol.client.transport.ServerParameters";
    public static final String STREAMABLE_TRANSPORT =
            "io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport";
    public static final String SSE_TRANSPORT = "io.modelcontextprotocol.client.transport.HttpClientSseClientTransport";
    public static final String JSONRPC_MESSAGE = "io.modelcontextprotocol.spec.McpSchema$JSONRPCMessage";
    public static final String JSONRPC_REQUEST = "io.modelcontextprotocol.spec.McpSchema$JSONRPCRequest";

    // McpAsyncClient: the session.
    public static final LibraryMember CLIENT_CONSTRUCTOR =
            LibraryMember.constructor(ASYNC_CLIENT, "<init>(McpClientTransport, ...)", CLIENT_TRANSPORT);
    public static final LibraryMember CLIENT_CLOSE = LibraryMember.method(ASYNC_CLIENT, "close()", 0);
    public static final LibraryMember CLIENT_CLOSE_GRACEFULLY = LibraryMember.method(ASYNC_CLIENT, "closeGracefully()", 0);
    public static final LibraryMember CLIENT_IS_INITIALIZED = LibraryMember.method(ASYNC_CLIENT, "isInitialized()", 0);
    public static final LibraryMember CLIENT_PING = LibraryMember.method(ASYNC_CLIENT, "ping()", 0);
    public static final LibraryMember CLIENT_TRANSPORT_FIELD = LibraryMember.field(ASYNC_CLIENT, "transport");
    public static final LibraryMember CLIENT_INITIALIZER = LibraryMember.field(ASYNC_CLIENT, "initializer");

    // McpSyncClient: a blocking face of one McpAsyncClient.
    public static final LibraryMember SYNC_CLOSE_GRACEFULLY =
            LibraryMember.method(SYNC_CLIENT, "closeGracefully()", 0, null, boolean.class);
    public static final LibraryMember SYNC_DELEGATE = LibraryMember.field(SYNC_CLIENT, "delegate");

    // LifecycleInitializer: every (re-)initialization, and the SDK's session behind it.
    public static final LibraryMember WITH_INITIALIZATION = LibraryMember.method(LIFECYCLE_INITIALIZER,
            "withInitialization(String, Function)", 2, "java.lang.String", null);
    public static final LibraryMember DO_INITIALIZE =
            LibraryMember.method(LIFECYCLE_INITIALIZER, "doInitialize(DefaultInitialization, ...)", 3);
    public static final LibraryMember INITIALIZATION_TIMEOUT =
            LibraryMember.field(LIFECYCLE_INITIALIZER, "initializationTimeout");
    public static final LibraryMember INITIALIZATION_REF = LibraryMember.field(LIFECYCLE_INITIALIZER, "initializationRef");
    public static final LibraryMember INITIALIZATION_SESSION = LibraryMember.field(DEFAULT_INITIALIZATION, "mcpClientSession");
    public static final LibraryMember INITIALIZATION_SINK = LibraryMember.field(DEFAULT_INITIALIZATION, "initSink");
    public static final LibraryMember PENDING_RESPONSES = LibraryMember.field(CLIENT_SESSION, "pendingResponses");

    // McpClientSession: each request's id, made first thing in sendRequest, is its key among the pending responses.
    public static final LibraryMember GENERATE_REQUEST_ID =
            LibraryMember.method(CLIENT_SESSION, "generateRequestId()", 0, null, String.class);
    public static final LibraryMember SEND_REQUEST =
            LibraryMember.method(CLIENT_SESSION, "sendRequest(String, Object, TypeRef)", 3, "java.lang.String", null);
    public static final LibraryMember CLIENT_SESSION_TRANSPORT = LibraryMember.field(CLIENT_SESSION, "transport");
    public static final String MCP_ERROR = "io.modelcontextprotocol.spec.McpError";
    public static final String SESSION_NOT_FOUND = "io.modelcontextprotocol.spec.McpTransportSessionNotFoundException";
    /** The request an initialization sends: budgeted as the initialization, not as a call. */
    public static final String METHOD_INITIALIZE = "initialize";

    // DefaultMcpTransportSession: a Streamable HTTP session's open streams, let go after its DELETE.
    public static final LibraryMember TRANSPORT_SESSION_CLOSE_GRACEFULLY =
            LibraryMember.method(TRANSPORT_SESSION, "closeGracefully()", 0);
    public static final LibraryMember TRANSPORT_SESSION_CONNECTIONS =
            LibraryMember.field(TRANSPORT_SESSION, "openConnections");

    // StdioClientTransport: a server process and three executors.
    public static final LibraryMember STDIO_CONSTRUCTOR = LibraryMember.constructor(STDIO_TRANSPORT, "<init>(...)", null);
    public static final LibraryMember STDIO_CONNECT = LibraryMember.method(STDIO_TRANSPORT, "connect(Function)", 1);
    public static final LibraryMember STDIO_START_INBOUND =
            LibraryMember.method(STDIO_TRANSPORT, "startInboundProcessing()", 0);
    public static final LibraryMember STDIO_PROCESS = LibraryMember.field(STDIO_TRANSPORT, "process");
    public static final LibraryMember STDIO_PARAMS = LibraryMember.field(STDIO_TRANSPORT, "params");
    public static final LibraryMember[] STDIO_SCHEDULERS = {
        LibraryMember.field(STDIO_TRANSPORT, "inboundScheduler"),
        LibraryMember.field(STDIO_TRANSPORT, "outboundScheduler"),
        LibraryMember.field(STDIO_TRANSPORT, "errorScheduler")};
    public static final LibraryMember SERVER_COMMAND = LibraryMember.method(SERVER_PARAMETERS, "getCommand()", 0);

    // The HTTP transports: an HttpClient each, built by their Builder from the host's HttpClient.Builder.
    public static final LibraryMember SERVER_ARGS = LibraryMember.method(SERVER_PARAMETERS, "getArgs()", 0);
    public static final LibraryMember STREAMABLE_ENDPOINT = LibraryMember.field(STREAMABLE_TRANSPORT, "endpoint");
    public static final LibraryMember SSE_ENDPOINT_PATH = LibraryMember.field(SSE_TRANSPORT, "sseEndpoint");
    public static final LibraryMember STREAMABLE_BASE_URI = LibraryMember.field(STREAMABLE_TRANSPORT, "baseUri");
    public static final LibraryMember STREAMABLE_HTTP_CLIENT = LibraryMember.field(STREAMABLE_TRANSPORT, "httpClient");
    public static final LibraryMember STREAMABLE_BUILD = LibraryMember.method(STREAMABLE_TRANSPORT + "$Builder", "build()", 0);
    public static final LibraryMember STREAMABLE_CLIENT_BUILDER = LibraryMember.field(STREAMABLE_TRANSPORT + "$Builder",
            "clientBuilder");
    public static final LibraryMember SSE_BASE_URI = LibraryMember.field(SSE_TRANSPORT, "baseUri");
    public static final LibraryMember SSE_HTTP_CLIENT = LibraryMember.field(SSE_TRANSPORT, "httpClient");
    public static final LibraryMember SSE_BUILD = LibraryMember.method(SSE_TRANSPORT + "$Builder", "build()", 0);
    /** The {@code doFinally} of the event stream {@code connect} opens, a lambda on every line since 0.11. */
    public static final LibraryMember SSE_STREAM_FINALLY = LibraryMember.lambda(SSE_TRANSPORT, "connect",
            "reactor.core.publisher.SignalType", "connect's event stream doFinally(SignalType)");
    public static final LibraryMember SSE_ENDPOINT = LibraryMember.field(SSE_TRANSPORT, "messageEndpointSink");
    public static final LibraryMember SSE_CLOSING = LibraryMember.field(SSE_TRANSPORT, "isClosing");
    // HttpClientStreamableHttpTransport.sendMessage: one POST each, its response stream subscribed in a Mono.create
    // body and ended by a doFinally, both lambdas on every line since 0.11; the subscription is registered with the
    // transport session in between.
    public static final LibraryMember STREAMABLE_SEND_BODY = LibraryMember.lambda(STREAMABLE_TRANSPORT, "sendMessage",
            2, JSONRPC_MESSAGE, "sendMessage's Mono.create body (JSONRPCMessage, MonoSink)");
    public static final LibraryMember STREAMABLE_SEND_FINALLY = LibraryMember.lambda(STREAMABLE_TRANSPORT,
            "sendMessage", 3, "java.util.concurrent.atomic.AtomicReference",
            "sendMessage's doFinally(AtomicReference, McpTransportSession, SignalType)");
    /** Resuming a stream: the SDK's reconnect with the stream whose last event id it sends. */
    public static final LibraryMember STREAMABLE_RECONNECT = LibraryMember.method(STREAMABLE_TRANSPORT,
            "reconnect(McpTransportStream)", 1, "io.modelcontextprotocol.spec.McpTransportStream", null);
    public static final LibraryMember TRANSPORT_SESSION_ADD_CONNECTION = LibraryMember.method(TRANSPORT_SESSION,
            "addConnection(Disposable)", 1, "reactor.core.Disposable", null);
    public static final LibraryMember REQUEST_ID = LibraryMember.method(JSONRPC_REQUEST, "id()", 0);
    public static final LibraryMember REQUEST_METHOD = LibraryMember.method(JSONRPC_REQUEST, "method()", 0);
    public static final LibraryMember SSE_CLIENT_BUILDER = LibraryMember.field(SSE_TRANSPORT + "$Builder", "clientBuilder");

    // Streamable HTTP event streams (2.1): each response body of events is read by consumeSseStream, for a POST with
    // no McpTransportStream, for a GET with the one it resumes; reconnect(stream) is the GET with Last-Event-ID.
    public static final String TRANSPORT_STREAM = "io.modelcontextprotocol.spec.DefaultMcpTransportStream";
    /** The class 2.1 brought with its rewritten event-stream reading: the mark of the line the members below are of. */
    public static final String LINE_2_1 = "io.modelcontextprotocol.client.transport.ResponseBodyHandlers";
    public static final LibraryMember STREAMABLE_CONSUME_SSE = LibraryMember.method(STREAMABLE_TRANSPORT,
            "consumeSseStream(Flow.Publisher, McpTransportStream)", 2, "java.util.concurrent.Flow$Publisher", null)
            .onLinesWith(LINE_2_1);
    public static final LibraryMember STREAMABLE_RESUMABLE = LibraryMember.field(STREAMABLE_TRANSPORT,
            "resumableStreams")
            .onLinesWith(LINE_2_1);
    public static final LibraryMember TRANSPORT_STREAM_CONSTRUCTOR =
            LibraryMember.constructor(TRANSPORT_STREAM, "<init>(boolean, Function)", "boolean")
            .onLinesWith(LINE_2_1);
    public static final LibraryMember TRANSPORT_STREAM_LAST_ID = LibraryMember.field(TRANSPORT_STREAM, "lastId")
            .onLinesWith(LINE_2_1);

    private Sdk() {
    }

    /**
     * Whether {@code error}, among its causes, is an answer of the server itself: a JSON-RPC error it sent, or its
     * "no such session" after a restart. Either way the server is reachable again.
     */
    static boolean answeredByServer(Throwable error) {
        return ConnectionFailures.cause(error, t -> t.getClass().getName().equals(MCP_ERROR)
                || t.getClass().getName().equals(SESSION_NOT_FOUND)) != null;
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
