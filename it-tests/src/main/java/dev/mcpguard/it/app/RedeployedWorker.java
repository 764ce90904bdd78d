package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.function.Function;
import reactor.core.scheduler.Schedulers;

/**
 * What one deployment of {@link Redeploy}'s application does, loaded by that deployment's own class loader: one
 * session, one echo, a graceful close, then Reactor's schedulers stopped, as an application does when it is
 * undeployed. It is reached only through {@link Function} (a JDK type), so the host holds none of its classes.
 * Answers {@code ok} or what went wrong.
 */
public final class RedeployedWorker implements Function<String[], String> {

    @Override
    public String apply(String[] args) {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        boolean closed = false;
        try {
            CallToolResult echo = client.callTool(Clients.ECHO);
            boolean echoed = echo.content().stream()
                    .anyMatch(c -> c instanceof TextContent && ((TextContent) c).text().contains("hi"));
            closed = client.closeGracefully();
            return echoed && closed ? "ok" : "echo=" + echoed + ",closed=" + closed;
        } finally {
            if (!closed) {
                client.close();
            }
            Schedulers.shutdownNow();
        }
    }
}
