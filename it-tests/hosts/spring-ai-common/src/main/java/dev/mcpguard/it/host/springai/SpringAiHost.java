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
 * would keep the JVM alive or belong to the stdio transport), both taken on the closing thread as soon as
 * {@code close()} returned; then {@code serverGoneMs}, when the server processes alive before the close had
 * exited, counted from the start of the close (-1: not within 15 s).
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
        // The session's server, known before the close: whether it is still alive when close() returns is checked on
        // the closing thread right after the return, before anything else. The SDK's close is asynchronous, but it
        // ends the server within a few hundred ms: a look taken later, after reporting, could miss it on a busy machine.
        List<ProcessHandle> servers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .collect(Collectors.toList());
        long start = System.nanoTime();
        AtClose atClose;
        if (onReactorThread) {
            atClose = Mono.fromCallable(() -> {
                context.close();
                return AtClose.now(start, servers, threadsBefore);
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(60));
        } else {
            context.close();
            atClose = AtClose.now(start, servers, threadsBefore);
        }
        report.accept("closeMs", Long.toString(atClose.closeMs));
        report.accept("closeThread", atClose.thread);
        report.accept("contextActive", Boolean.toString(context.isActive()));
        report.accept("childrenAtClose", atClose.children);
        report.accept("threadsAtClose", atClose.threads);
        report.accept("serverGoneMs", Long.toString(awaitGone(servers, start)));
    }

    /** What was alive the moment {@code close()} returned, taken on the thread that called it. */
    private static final class AtClose {
        final long closeMs;
        final String thread;
        final String children;
        final String threads;

        private AtClose(long closeMs, String thread, String children, String threads) {
            this.closeMs = closeMs;
            this.thread = thread;
            this.children = children;
            this.threads = threads;
        }

        static AtClose now(long start, List<ProcessHandle> servers, Set<Long> threadsBefore) {
            long closeMs = (System.nanoTime() - start) / 1_000_000;
            // Processes first: the SDK's threads end only after its server has exited.
            String children = servers.stream().filter(ProcessHandle::isAlive).map(p -> Long.toString(p.pid()))
                    .collect(Collectors.joining(","));
            String threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !threadsBefore.contains(t.getId()))
                    .filter(t -> !t.isDaemon() || STDIO_THREAD.matcher(t.getName()).matches())
                    .map(Thread::getName).sorted().collect(Collectors.joining(","));
            return new AtClose(closeMs, Thread.currentThread().getName(), children, threads);
        }
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
