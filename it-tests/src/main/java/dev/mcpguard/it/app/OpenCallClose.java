package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.Map;

/**
 * The well-behaved client: open a session, list the tools, call echo, close gracefully.
 * Arguments: {@code <stdio|streamable|sse> <index.js path or base URL>}.
 * Reports {@code tools=N}, {@code echo=ok|<what came back>}, {@code closed=true|false}.
 */
public final class OpenCallClose extends ScenarioApp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) {
        new OpenCallClose().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        McpSyncClient client = McpClient.sync(Transports.create(args[0], args[1]))
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT)
                .build();
        boolean closed = false;
        try {
            client.initialize();
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
