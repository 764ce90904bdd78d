package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * {@code DefaultMcpClient.close()} on a stdio server that ignores SIGTERM and the end of its stdin: LangChain4j's
 * close signals the server and returns, and the server runs on. Reports how long {@code close()} took
 * ({@code closeMs}) and how long after it the server was gone ({@code serverGoneMs}, -1 when it was still running
 * after {@code <wait ms>}). Arguments: {@code <node> <sigterm-immune-server.mjs> <wait ms>}.
 */
public final class CloseStuckServer {

    private CloseStuckServer() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        StdioMcpTransport transport = new StdioMcpTransport.Builder()
                .command(List.of(args[0], args[1]))
                .environment(Map.of())
                .build();
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(transport)
                .autoHealthCheck(false)
                .build();
        Process server = transport.getProcess();
        long start = System.nanoTime();
        client.close();
        report.accept("closeMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        try {
            server.onExit().get(Long.parseLong(args[2]), TimeUnit.MILLISECONDS);
            report.accept("serverGoneMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        } catch (TimeoutException stillRunning) {
            report.accept("serverGoneMs", "-1");
        }
    }
}
