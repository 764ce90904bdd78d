package dev.mcpguard.it.host.adk;

import com.google.adk.JsonBaseModel;
import com.google.adk.tools.BaseToolset;
import com.google.adk.tools.mcp.McpAsyncToolset;
import com.google.adk.tools.mcp.McpSessionManager;
import com.google.adk.tools.mcp.McpToolset;
import com.google.adk.tools.mcp.StdioConnectionParameters;
import com.google.adk.tools.mcp.StdioServerParameters;
import com.google.adk.tools.BaseTool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The toolsets the host programs make, and what they report of a tool call and of the server processes. */
final class ToolCalls {

    /** Tool loading is tried this often, a pause between tries: a short request timeout also bounds a server's start. */
    private static final int LOADING_ATTEMPTS = 5;
    private static final long LOADING_PAUSE_MS = 1500;

    private ToolCalls() {
    }

    /**
     * ADK's toolset of {@code kind}: {@code sync} ({@code McpToolset}, whose tools are {@code McpTool}s on the SDK's
     * sync client) or {@code async} ({@code McpAsyncToolset}, {@code McpAsyncTool}s on its async client).
     */
    static BaseToolset toolset(String kind, McpSessionManager sessions) {
        switch (kind) {
            case "sync":
                return new McpToolset(sessions, JsonBaseModel.getMapper());
            case "async":
                return McpAsyncToolset.builder().mcpSessionManager(sessions).build();
            default:
                throw new IllegalArgumentException("toolset kind: sync or async, not " + kind);
        }
    }

    /**
     * A session manager for server-everything over stdio ({@code <node> <index.js> stdio}) whose calls time out after
     * {@code timeoutSeconds}: {@code StdioConnectionParameters}, which only the sync toolset takes.
     */
    static McpSessionManager stdioSessions(String node, String indexJs, String timeoutSeconds) {
        return new McpSessionManager(StdioConnectionParameters.builder()
                .serverParams(StdioServerParameters.builder().command(node).args(List.of(indexJs, "stdio")).build())
                .timeout(Float.parseFloat(timeoutSeconds))
                .build());
    }

    /**
     * The tool {@code name}, loaded as a host does at start-up: tried again after a pause when the server was too slow
     * to start within the request timeout (a retry sooner than the reconnect budget's backoff is refused with the
     * agent).
     */
    static BaseTool load(BaseToolset toolset, String name) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return toolset.getTools(null).filter(t -> t.name().equals(name)).firstOrError().blockingGet();
            } catch (RuntimeException slowStart) {
                if (attempt == LOADING_ATTEMPTS) {
                    throw slowStart;
                }
                Thread.sleep(LOADING_PAUSE_MS);
            }
        }
    }

    /**
     * The agent's counter {@code name}, or -1 without the agent. The agent's counters live in the bootstrap class
     * loader, and are read as the scenario report reads them.
     */
    static long agentCounter(String name) throws ReflectiveOperationException {
        Class<?> counters;
        try {
            counters = Class.forName("dev.mcpguard.bootstrap.GuardCounters", false, null);
        } catch (ClassNotFoundException noAgent) {
            return -1;
        }
        return (Long) counters.getMethod("get", String.class).invoke(null, name);
    }

    /** Waits until the agent's counter {@code name} is at least {@code atLeast}, at most 10 s; at once without it. */
    static void awaitAgentCounter(String name, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long now = agentCounter(name); now >= 0 && now < atLeast; now = agentCounter(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent's " + name + " did not reach " + atLeast + " in 10 s");
            }
            Thread.sleep(10);
        }
    }

    /**
     * How a call ended: {@code succeeded}, {@code tool error: ...} (a result flagged as an error), or
     * {@code failed: <exception>}.
     */
    static String outcome(BaseTool tool, Map<String, Object> args) {
        try {
            Map<String, Object> result = tool.runAsync(args, null).blockingGet();
            return result.containsKey("error") ? "tool error: " + result.get("error") : "succeeded";
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    /** The pids of this JVM's live descendants: the servers. */
    static String liveServers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> Long.toString(p.pid())).collect(Collectors.joining(","));
    }
}
