package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/**
 * The well-behaved client: open a session, list the tools, call echo, close gracefully.
 * Arguments: {@code <stdio|streamable|sse> <index.js path or base URL>}.
 * Reports {@code tools=N}, {@code echo=ok|<what came back>}, {@code closed=true|false}.
 */
public final class OpenCallClose extends ScenarioApp {

    public static void main(String[] args) {
        new OpenCallClose().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        // Initialized, and quiet: on SDK <= 2.0.x the SDK's own tools/list (its answer to server-everything's
        // tools/list_changed) and the app's first request race on the transport's non-serialized outbound sink, and
        // one of them fails with "Failed to enqueue message" (with or without the agent; 2.1.0 serializes them).
        // A well-behaved client of those SDKs waits for that answer before its first request.
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        boolean closed = false;
        try {
            report.noteChildren();
            report.put("tools", client.listTools().tools().size());
            CallToolResult echo = client.callTool(new CallToolRequest("echo", Map.of("message", "hi")));
            report.put("echo", isEcho(echo, "hi") ? "ok" : String.valueOf(echo));
            closed = client.closeGracefully();
            report.put("closed", closed);
        } finally {
            if (!closed) {
                // A failed step must not also leave the server behind and blur the report.
                client.close();
            }
        }
    }

    private static boolean isEcho(CallToolResult result, String message) {
        return !Boolean.TRUE.equals(result.isError())
                && result.content().stream().anyMatch(c -> c instanceof TextContent
                        && ((TextContent) c).text().contains(message));
    }
}
