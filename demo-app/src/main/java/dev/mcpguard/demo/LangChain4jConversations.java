package dev.mcpguard.demo;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gateway on LangChain4j's own MCP client ({@code --client langchain4j}), as a chat application uses it: each
 * conversation builds a {@code DefaultMcpClient}, calls a tool and closes the client. Over stdio and over Streamable
 * HTTP on server-everything; then what the conversations left behind, including the JDK HttpClient threads that
 * LangChain4j's Streamable HTTP transport leaves on JDK 17 (its close ends its client on JDK 21+ only).
 */
final class LangChain4jConversations {

    private static final ToolExecutionRequest ECHO = ToolExecutionRequest.builder()
            .name("echo").arguments("{\"message\":\"hello from the demo\"}").build();

    private static final java.time.Duration HTTP_THREADS_AFTER = java.time.Duration.ofSeconds(2);

    private LangChain4jConversations() {
    }

    static int run(DemoOptions options, ServerInstall install, PrintStream out) {
        int conversations = options.calls();
        List<ServerReport> reports = new ArrayList<>();
        reports.add(report(out, converse("stdio", conversations, () -> new StdioMcpTransport.Builder()
                .command(withNode(install.stdioArgs())).build())));
        try (ServerProcess server = ServerProcess.start("streamable-http", install.streamableHttpCommand())) {
            String url = "http://127.0.0.1:" + server.port() + "/mcp";
            reports.add(report(out, converse("streamable-http", conversations,
                    () -> new StreamableHttpMcpTransport.Builder().url(url).build())));
        } catch (IOException e) {
            reports.add(report(out, ServerReport.notStarted("streamable-http", conversations, e.getMessage())));
        }
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        List<String> httpThreads = httpClientThreadsAfterGrace();
        out.println();
        out.println("Summary (LangChain4j's MCP client, a client per conversation)");
        for (ServerReport report : reports) {
            out.printf("  %-16s conversations ok %d, failed %d%n", report.name(), report.callsOk(), report.callsFailed());
        }
        out.printf("  leaks            child processes %d, non-daemon threads %d, HttpClient threads %d%n",
                leaks.processes().size(), leaks.threads().size(), httpThreads.size());
        leaks.describe().forEach(line -> out.println("    " + line));
        if (!httpThreads.isEmpty()) {
            long clients = httpThreads.stream().map(thread -> thread.split("-")[1]).distinct().count();
            out.println("    the selector and worker threads of " + clients + " HttpClients nobody shut down");
        }
        boolean allOk = reports.stream().allMatch(ServerReport::ok) && leaks.isEmpty() && httpThreads.isEmpty();
        int exitCode = allOk ? 0 : 1;
        out.println("  result           " + (allOk ? "OK" : "FAILED") + " (exit code " + exitCode + ")");
        return exitCode;
    }

    /** {@code conversations} clients one after the other, each one echo call, each closed. */
    private static ServerReport converse(String name, int conversations, Supplier<McpTransport> transports) {
        int ok = 0;
        String problem = null;
        for (int i = 0; i < conversations; i++) {
            try (McpClient client = new DefaultMcpClient.Builder().key(name + "-" + i).transport(transports.get())
                    .build()) {
                client.executeTool(ECHO);
                ok++;
            } catch (Exception e) {
                problem = problem != null ? problem : DemoGateway.describe(e);
            }
        }
        return new ServerReport(name, "LangChain4j DefaultMcpClient, " + conversations + " conversations", ok,
                conversations - ok, problem);
    }

    private static ServerReport report(PrintStream out, ServerReport report) {
        out.println(report.statusLine());
        return report;
    }

    private static List<String> withNode(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(args);
        return command;
    }

    /**
     * The JDK HttpClient threads alive {@link #HTTP_THREADS_AFTER} after the last conversation: daemons, so the leak
     * report does not count them, but they pile up with every client nobody shut down until a GC collects it. One
     * look after a quiet wait, not a poll: polling allocates and brings that GC on.
     */
    private static List<String> httpClientThreadsAfterGrace() {
        try {
            Thread.sleep(HTTP_THREADS_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return httpClientThreads();
    }

    private static List<String> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-")).sorted().collect(Collectors.toList());
    }
}
