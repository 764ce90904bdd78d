package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.install.LibraryMember;

/**
 * Every name of LangChain4j's own MCP client ({@code dev.langchain4j:langchain4j-mcp}) the agent relies on, declared
 * once: the classes it weaves or reads, and each member, which the instrumentations register with the reference
 * check ({@code LangChain4jMembersTest} fails for a member no instrumentation registers). The names are the same
 * from 1.6 to 1.18; 1.0 has neither the health check nor {@code triggerReconnection()} and is left alone.
 */
public final class LangChain4j {

    /** Every class of the library is under it. */
    public static final String PACKAGE = "dev.langchain4j.mcp.";
    public static final String MAVEN_GROUP = "dev.langchain4j";
    public static final String MAVEN_ARTIFACT = "langchain4j-mcp";

    public static final String CLIENT = "dev.langchain4j.mcp.client.DefaultMcpClient";
    public static final String CLIENT_BUILDER = CLIENT + "$Builder";
    public static final String STDIO_TRANSPORT = "dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport";
    public static final String STREAMABLE_TRANSPORT =
            "dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport";
    public static final String OPERATION_HANDLER = "dev.langchain4j.mcp.client.transport.McpOperationHandler";

    // DefaultMcpClient: the session. Its constructor initializes the transport and starts the health check.
    public static final LibraryMember CLIENT_CONSTRUCTOR =
            LibraryMember.constructor(CLIENT, "<init>(Builder)", CLIENT_BUILDER);
    public static final LibraryMember CLIENT_TRANSPORT = LibraryMember.field(CLIENT, "transport");
    public static final LibraryMember CLIENT_CLOSE = LibraryMember.method(CLIENT, "close()", 0);
    /** Starts the transport and initializes: run by the constructor and by every reconnection. */
    public static final LibraryMember CLIENT_INITIALIZE = LibraryMember.method(CLIENT, "initialize()", 0);
    /** Where the health check and the transport's failure callback go to connect again. */
    public static final LibraryMember CLIENT_TRIGGER_RECONNECTION =
            LibraryMember.method(CLIENT, "triggerReconnection()", 0);
    /** The requests in flight, by id: the map LangChain4j's operation handler completes as answers come. */
    public static final LibraryMember CLIENT_PENDING_OPERATIONS = LibraryMember.field(CLIENT, "pendingOperations");
    /** Ended when a close overruns, so that no health check outlives it. */
    public static final LibraryMember CLIENT_HEALTH_CHECK_SCHEDULER =
            LibraryMember.field(CLIENT, "healthCheckScheduler");

    // StdioMcpTransport: one server process, started again by every start().
    public static final LibraryMember STDIO_START =
            LibraryMember.method(STDIO_TRANSPORT, "start(McpOperationHandler)", 1, OPERATION_HANDLER, null);
    public static final LibraryMember STDIO_PROCESS = LibraryMember.field(STDIO_TRANSPORT, "process");
    public static final LibraryMember STDIO_COMMAND = LibraryMember.field(STDIO_TRANSPORT, "command");

    // StreamableHttpMcpTransport: an HttpClient of its own, which its close() ends only on JDK 21+.
    public static final LibraryMember STREAMABLE_HTTP_CLIENT = LibraryMember.field(STREAMABLE_TRANSPORT, "httpClient");
    /** The server's endpoint, as the application gave it (a string). */
    public static final LibraryMember STREAMABLE_URL = LibraryMember.field(STREAMABLE_TRANSPORT, "url");

    private LangChain4j() {
    }

    static boolean isStdio(Object transport) {
        return transport != null && transport.getClass().getName().equals(STDIO_TRANSPORT);
    }

    static boolean isStreamable(Object transport) {
        return transport != null && transport.getClass().getName().equals(STREAMABLE_TRANSPORT);
    }
}
