package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.artifacts.Signature;
import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.InstrumentedLibrary;
import dev.mcpguard.agent.sdk.client.LifecycleInitializerBudget;
import dev.mcpguard.agent.sdk.client.LifecycleInitializerClosedGuard;
import dev.mcpguard.agent.sdk.client.McpAsyncClientCloseMarshalling;
import dev.mcpguard.agent.sdk.client.McpAsyncClientSessions;
import dev.mcpguard.agent.sdk.client.McpClientSessionBudget;
import dev.mcpguard.agent.sdk.client.McpClientSessionLeaks;
import dev.mcpguard.agent.sdk.client.McpSyncClientCloseMarshalling;
import dev.mcpguard.agent.sdk.transport.DefaultMcpTransportSessionConnections;
import dev.mcpguard.agent.sdk.transport.HttpTransportBuilderClients;
import dev.mcpguard.agent.sdk.transport.SseClientTransportHealing;
import dev.mcpguard.agent.sdk.transport.StdioClientTransportLiveness;
import dev.mcpguard.agent.sdk.transport.StdioClientTransportTermination;
import dev.mcpguard.agent.sdk.transport.StdioClientTransportThreads;
import dev.mcpguard.agent.sdk.transport.TransportSessionLeaks;
import dev.mcpguard.agent.sdk.transport.StreamableHttpTransportLiveness;
import dev.mcpguard.agent.sdk.transport.StreamableTransportResumption;
import dev.mcpguard.agent.status.AgentMarks;
import java.util.List;
import java.util.Set;

/** The official Java MCP SDK as an instrumented library: its version per class loader, and its instrumentations. */
public final class McpSdk implements InstrumentedLibrary {

    private static final Set<String> UP_TO_1 = Set.of("0", "1");

    @Override
    public String name() {
        return "SDK";
    }

    @Override
    public String bannerKey() {
        return "sdk";
    }

    @Override
    public boolean alwaysInBanner() {
        return true;
    }

    @Override
    public void guarding(String description) {
        // For the list and status commands, which read it from outside.
        System.setProperty(AgentMarks.SDK, description);
    }

    @Override
    public String packagePrefix() {
        return Sdk.PACKAGE;
    }

    @Override
    public boolean visibleTo(ClassLoader loader) {
        return SdkVersion.visibleTo(loader);
    }

    @Override
    public String describe(ClassLoader loader) {
        return SdkVersion.describe(loader);
    }

    /** Every SDK instrumentation the agent has, grouped by the SDK class it weaves. */
    @Override
    public List<ClassInstrumentation> instrumentations() {
        return List.of(
                new McpAsyncClientSessions(),
                new McpAsyncClientCloseMarshalling(),
                new McpSyncClientCloseMarshalling(),
                new LifecycleInitializerClosedGuard(),
                new LifecycleInitializerBudget(),
                new McpClientSessionBudget(),
                new StdioClientTransportThreads(),
                new StdioClientTransportTermination(),
                new StdioClientTransportLiveness(),
                HttpTransportBuilderClients.streamable(),
                HttpTransportBuilderClients.sse(),
                new SseClientTransportHealing(),
                new McpClientSessionLeaks(),
                new TransportSessionLeaks(),
                new StreamableHttpTransportLiveness(),
                new DefaultMcpTransportSessionConnections(),
                new StreamableTransportResumption());
    }

    /** What a healthy SDK session's teardown throws, by SDK line (research: failure-modes.md, "Classification"). */
    @Override
    public List<Signature> teardownArtifacts() {
        return List.of(
                // In-flight requests when the session is closed (McpClientSession.dismissPendingResponses).
                new Signature("session-terminated", "java.lang.RuntimeException", "MCP session with server terminated",
                        Signature.ALL_LINES),
                // Calls on a transport that was closed: "Transport has already been closed." (2.x) or
                // "MCP session with ID ... has been closed" (<= 1.x).
                new Signature("transport-closed", "*.McpTransportSessionClosedException", null, Signature.ALL_LINES),
                // Older lines fail sends on a completed stdio sink after close.
                new Signature("enqueue-after-close", "java.lang.RuntimeException", "Failed to enqueue message",
                        UP_TO_1),
                // The event stream of an HTTP session ended by the close's DELETE.
                new Signature("stream-ended", "java.io.IOException", "chunked transfer encoding", Signature.ALL_LINES),
                new Signature("stream-ended", "*.PrematureCloseException", null, Signature.ALL_LINES));
    }
}
