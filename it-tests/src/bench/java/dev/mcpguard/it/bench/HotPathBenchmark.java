package dev.mcpguard.it.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Root;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * The hot path of issue 7: what one client operation costs, through the real SDK client and the real SDK server
 * connected in memory ({@link InMemoryMcp}), in a JVM without the agent and in one with {@code -javaagent}. On this
 * path the agent's only advice is {@code LifecycleInitializer.withInitialization} (the closed guard: one map read per
 * operation); {@code McpAsyncClient.<init>} and the close advice run once per session, outside the measurement.
 *
 * <ul>
 *   <li>{@link #callTool}: {@code McpSyncClient.callTool} of a one-tool {@code McpServer.async} server: request,
 *       tool, response.</li>
 *   <li>{@link #rootsListChanged}: {@code McpSyncClient.rootsListChangedNotification()}, the client API's one
 *       notification, a one-way send. The SDK server answers every such notification with its own
 *       {@code roots/list} request, which the client answers; in memory all of that runs within the call.</li>
 * </ul>
 *
 * <p>{@link HotPath} runs it, forked with {@code -Dmcpguard.bench.side=raw} or {@code =agent} (plus the
 * {@code -javaagent}); the setup refuses to run unless the fork is what its side says (see {@link AgentInFork}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    static final CallToolRequest ECHO = new CallToolRequest("echo", Map.of("message", "hi"));
    private static final String ECHO_SCHEMA = "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
            + "\"required\":[\"message\"]}";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InMemoryMcp.ServerTransportProvider wire;
    private McpAsyncServer server;
    private McpSyncClient client;
    private volatile int rootsSeen;

    @Setup(Level.Trial)
    public void open() {
        AgentInFork side = AgentInFork.fromSystemProperties();
        side.checkBeforeOpening();
        McpJsonMapper json = McpJsonDefaults.getMapper();
        wire = new InMemoryMcp.ServerTransportProvider(json);
        Tool echo = Tool.builder().name("echo").description("Echoes its message").inputSchema(json, ECHO_SCHEMA).build();
        // The async server: its handlers run on the caller's thread, as the rest of this in-memory exchange; the sync
        // server hands roots-change handlers to boundedElastic whatever immediateExecution says.
        server = McpServer.async(wire)
                .serverInfo("mcp-guard-hot-path", "1")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .toolCall(echo, (exchange, request) -> Mono.just(CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("message"))).build()))
                .rootsChangeHandler((exchange, roots) -> Mono.fromRunnable(() -> rootsSeen = roots.size()))
                .build();
        client = newClient();
        client.initialize();

        CallToolResult result = client.callTool(ECHO);
        if (result.content().size() != 1 || !"hi".equals(((TextContent) result.content().get(0)).text())) {
            throw new IllegalStateException("the in-memory echo tool answered " + result);
        }
        client.rootsListChangedNotification();
        if (rootsSeen != 1) {
            throw new IllegalStateException("the server did not list the client's root after roots/list_changed");
        }
        side.checkAfterOpening(this::newClient);
    }

    /** A client of the in-memory server with one root, so that the server's roots/list gets an answer. */
    McpSyncClient newClient() {
        return McpClient.sync(wire.newClient())
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT)
                .capabilities(ClientCapabilities.builder().roots(true).build())
                .roots(List.of(new Root("file:///tmp/mcp-guard-bench", "bench")))
                .build();
    }

    @TearDown(Level.Trial)
    public void close() {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            server.closeGracefully().block(TIMEOUT);
        }
    }

    @Benchmark
    public CallToolResult callTool() {
        return client.callTool(ECHO);
    }

    @Benchmark
    public void rootsListChanged() {
        client.rootsListChangedNotification();
    }
}
