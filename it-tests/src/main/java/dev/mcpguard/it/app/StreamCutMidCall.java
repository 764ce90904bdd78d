package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/**
 * A streamed tool call whose connection the server cuts 500 ms in (cut-stream-http-server.mjs). Arguments:
 * {@code <url> <tool>}: {@code cut} (no event ids) or {@code cut-replayable} (event ids, and the server replays the
 * result on a GET with Last-Event-ID). Reports how the call ended ({@code call}: "succeeded: <text>" or the failure)
 * and when, counted from the cut ({@code endedAfterCutMs}), and how many replays the server served ({@code replays}).
 * The request timeout is {@link Clients#TIMEOUT} (10 s).
 */
public final class StreamCutMidCall extends ScenarioApp {

    /** When the server cuts the stream, counted from the call. */
    private static final long CUT_MS = 500;

    public static void main(String[] args) {
        new StreamCutMidCall().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        McpSyncClient client = Clients.sync("streamable", args[0]);
        try {
            client.initialize();
            long sentAt = System.nanoTime();
            try {
                CallToolResult result = client.callTool(new CallToolRequest(args[1], Map.of()));
                report.put("call", "succeeded: " + text(result));
            } catch (RuntimeException e) {
                report.put("call", Scenarios.describe(e));
            }
            report.put("endedAfterCutMs", Scenarios.millisSince(sentAt) - CUT_MS);
            report.put("replays", text(client.callTool(new CallToolRequest("replays", Map.of()))));
        } finally {
            client.close();
        }
    }

    private static String text(CallToolResult result) {
        return result.content().isEmpty() ? "" : ((TextContent) result.content().get(0)).text();
    }
}
