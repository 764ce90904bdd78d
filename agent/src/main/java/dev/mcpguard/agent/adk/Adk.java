package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.install.LibraryMember;

/**
 * Every name of Google ADK for Java's MCP tools ({@code com.google.adk:google-adk}) the agent relies on, declared
 * once: the classes it weaves or reads and each member, which the instrumentations register with the reference
 * check. A toolset's {@code McpSessionManager} makes every session of the toolset and of its tools; the sessions are
 * the SDK's clients.
 */
public final class Adk {

    public static final String MAVEN_GROUP = "com.google.adk";
    public static final String MAVEN_ARTIFACT = "google-adk";

    /** Every class the agent weaves or reads is under it. */
    public static final String PACKAGE = "com.google.adk.tools.mcp.";
    public static final String TOOLSET = PACKAGE + "McpToolset";
    public static final String SESSION_MANAGER = PACKAGE + "McpSessionManager";
    public static final String TOOL = PACKAGE + "McpTool";
    public static final String ABSTRACT_TOOL = PACKAGE + "AbstractMcpTool";
    /** The Reactor flavour: a toolset of {@code McpAsyncTool}s on the SDK's async client, the same manager. */
    public static final String ASYNC_TOOLSET = PACKAGE + "McpAsyncToolset";
    public static final String ASYNC_TOOL = PACKAGE + "McpAsyncTool";

    // McpToolset: closes only the session it holds now, not those its tools made since.
    public static final LibraryMember TOOLSET_CLOSE = LibraryMember.method(TOOLSET, "close()", 0);
    public static final LibraryMember TOOLSET_SESSION_MANAGER = LibraryMember.field(TOOLSET, "mcpSessionManager");

    // McpSessionManager: each call makes a new, initialized session.
    public static final LibraryMember CREATE_SESSION = LibraryMember.method(SESSION_MANAGER, "createSession()", 0);
    public static final LibraryMember CREATE_ASYNC_SESSION =
            LibraryMember.method(SESSION_MANAGER, "createAsyncSession()", 0);

    // McpTool: its retry replaces the session without closing the one it replaces.
    public static final LibraryMember TOOL_REINITIALIZE_SESSION =
            LibraryMember.method(TOOL, "reinitializeSession()", 0);
    public static final LibraryMember TOOL_SESSION = LibraryMember.field(ABSTRACT_TOOL, "mcpSession");
    /** The retry's {@code doOnNext(error -> ...)}: it logs the error and replaces the session, for any error. */
    public static final LibraryMember TOOL_RETRY = LibraryMember.lambda(TOOL, "runAsync", "java.lang.Throwable",
            void.class, "lambda$runAsync$N(Throwable): the retry of runAsync");

    // McpAsyncToolset and McpAsyncTool: the same close, the same retry (through RxJava's retryWhen, each step
    // reinitializing the session), the same superseded sessions.
    public static final LibraryMember ASYNC_TOOLSET_CLOSE = LibraryMember.method(ASYNC_TOOLSET, "close()", 0);
    public static final LibraryMember ASYNC_TOOLSET_SESSION_MANAGER =
            LibraryMember.field(ASYNC_TOOLSET, "mcpSessionManager");
    public static final LibraryMember ASYNC_TOOL_REINITIALIZE_SESSION =
            LibraryMember.method(ASYNC_TOOL, "reinitializeSession()", 0);
    /** The retry's step {@code error -> reinitializeSession()}, for any error. */
    public static final LibraryMember ASYNC_TOOL_RETRY = LibraryMember.lambda(ASYNC_TOOL, "runAsync",
            "java.lang.Throwable", "lambda$runAsync$N(Throwable): the retry step of runAsync");

    private Adk() {
    }
}
