package dev.mcpguard.it.host.springai;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Spring Boot application as its users write it: spring-ai-starter-mcp-client with one stdio connection to
 * server-everything, no LLM. It lists the tools, calls echo, and then ends the context in one of four ways:
 *
 * <ul>
 *   <li>{@code close}: {@code context.close()} on main;
 *   <li>{@code reactor-close}: {@code context.close()} on a Reactor {@code parallel-N} thread;
 *   <li>{@code return} and {@code exit}: not at all; the caller returns from main or calls {@code System.exit},
 *       and Spring's shutdown hook closes the context.
 * </ul>
 *
 * <p>The it-tests call {@link #run} from their JDK-only {@code ScenarioApp} by reflection (this module cannot see
 * them, they cannot see Spring). Reports: {@code clients}, {@code tools}, {@code echo}, {@code sdk} (the SDK jar's
 * version), {@code closeMs}, {@code closeThread}, and what was still alive the moment {@code close()} returned:
 * {@code childrenAtClose} (the server processes) and {@code threadsAtClose} (threads the session started that
 * would keep the JVM alive or belong to the stdio transport); then {@code serverGoneMs}, when the server had exited,
 * counted from the start of the close (-1: not within 15 s).
 */
@SpringBootApplication
public class SpringAiHost {

    /** How long {@code serverGoneMs} waits for the server to be gone after the close. */
    private static final Duration GONE_LIMIT = Duration.ofSeconds(15);
    private static final Pattern STDIO_THREAD = Pattern.compile("mcp-stdio-.*");

    public static void run(String[] args, BiConsumer<String, String> report) {
        String mode = args[0];
        String indexJs = args[1];
        Set<Long> threadsBefore = threadIds();

        SpringApplication application = new SpringApplication(SpringAiHost.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(properties(indexJs));
        ConfigurableApplicationContext context = application.run();

        @SuppressWarnings("unchecked")
        List<McpSyncClient> clients = context.getBean("mcpSyncClients", List.class);
        report.accept("clients", Integer.toString(clients.size()));
        McpSyncClient client = clients.get(0);
        report.accept("sdk", String.valueOf(McpSyncClient.class.getPackage().getImplementationVersion()));
        report.accept("tools", Integer.toString(client.listTools().tools().size()));
        CallToolResult echo = client.callTool(new CallToolRequest("echo", Map.of("message", "hi")));
        report.accept("echo", isEcho(echo, "hi") ? "ok" : String.valueOf(echo));

        switch (mode) {
            case "close":
                close(context, report, threadsBefore, false);
                break;
            case "reactor-close":
                close(context, report, threadsBefore, true);
                break;
            case "return":
            case "exit":
                // Left to Spring's shutdown hook.
                break;
            default:
                throw new IllegalArgumentException("mode must be close, reactor-close, return or exit, not " + mode);
        }
    }

    private static void close(ConfigurableApplicationContext context, BiConsumer<String, String> report,
                              Set<Long> threadsBefore, boolean onReactorThread) {
        long start = System.nanoTime();
        String thread;
        if (onReactorThread) {
            thread = Mono.fromCallable(() -> {
                context.close();
                return Thread.currentThread().getName();
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(60));
        } else {
            context.close();
            thread = Thread.currentThread().getName();
        }
        report.accept("closeMs", Long.toString((System.nanoTime() - start) / 1_000_000));
        report.accept("closeThread", thread);
        report.accept("contextActive", Boolean.toString(context.isActive()));
        List<ProcessHandle> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .collect(Collectors.toList());
        report.accept("childrenAtClose", children.stream().map(p -> Long.toString(p.pid()))
                .collect(Collectors.joining(",")));
        report.accept("threadsAtClose", Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t.getId()))
                .filter(t -> !t.isDaemon() || STDIO_THREAD.matcher(t.getName()).matches())
                .map(Thread::getName).sorted().collect(Collectors.joining(",")));
        report.accept("serverGoneMs", Long.toString(awaitGone(children, start)));
    }

    /** Milliseconds from {@code start} until none of {@code processes} is alive; -1 if they outlive the bound. */
    private static long awaitGone(List<ProcessHandle> processes, long start) {
        long deadline = System.nanoTime() + GONE_LIMIT.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() >= deadline) {
                return -1;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Map<String, Object> properties(String indexJs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.main.banner-mode", "off");
        p.put("spring.main.log-startup-info", "false");
        p.put("logging.level.root", "WARN");
        p.put("spring.ai.mcp.client.type", "SYNC");
        p.put("spring.ai.mcp.client.request-timeout", "10s");
        p.put("spring.ai.mcp.client.stdio.connections.everything.command", "node");
        p.put("spring.ai.mcp.client.stdio.connections.everything.args[0]", indexJs);
        p.put("spring.ai.mcp.client.stdio.connections.everything.args[1]", "stdio");
        return p;
    }

    private static Set<Long> threadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    private static boolean isEcho(CallToolResult result, String message) {
        return !Boolean.TRUE.equals(result.isError())
                && result.content().stream().anyMatch(c -> c instanceof TextContent
                        && ((TextContent) c).text().contains(message));
    }
}
