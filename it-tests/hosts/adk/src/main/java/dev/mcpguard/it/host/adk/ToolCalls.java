package dev.mcpguard.it.host.adk;

import com.google.adk.JsonBaseModel;
import com.google.adk.tools.BaseToolset;
import com.google.adk.tools.mcp.McpAsyncToolset;
import com.google.adk.tools.mcp.McpSessionManager;
import com.google.adk.tools.mcp.McpToolset;
import com.google.adk.tools.BaseTool;
import java.util.Map;
import java.util.stream.Collectors;

/** The toolsets the host programs make, and what they report of a tool call and of the server processes. */
final class ToolCalls {

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
