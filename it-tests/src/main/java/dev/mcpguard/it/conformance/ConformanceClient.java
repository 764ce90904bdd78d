package dev.mcpguard.it.conformance;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client for the MCP conformance suite ({@code @modelcontextprotocol/conformance}), written as a user of the plain
 * SDK would write it; it knows nothing of mcp-guard. The suite's conventions: the scenario is named in
 * {@code MCP_CONFORMANCE_SCENARIO}, the server URL is the last argument. The client does what the scenario asks over
 * the SDK's Streamable HTTP transport and exits 0 only when every step succeeded; 1 when a step failed, 2 for a
 * scenario it does not know.
 *
 * <p>Success returns from {@code main} instead of calling {@code System.exit}: a client that cannot exit then runs
 * into the suite's timeout, which is a finding, not something to hide.
 *
 * <p>It uses only API every supported SDK line has (0.18 to 2.x), so the integration tests can run it on each.
 */
public final class ConformanceClient {

    /** The request and initialization timeout: well inside the suite's own 30 s per scenario. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Implementation CLIENT_INFO = new Implementation("mcp-guard-conformance-client", "1.0.0");

    private ConformanceClient() {
    }

    public static void main(String[] args) {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        if (args.length == 0 || scenario == null || scenario.isBlank()) {
            System.err.println("usage: MCP_CONFORMANCE_SCENARIO=<scenario> ConformanceClient <server-url>");
            System.exit(2);
        }
        URI server = URI.create(args[args.length - 1]);
        try {
            if (!run(scenario, server)) {
                System.err.println("unknown scenario: " + scenario);
                System.exit(2);
            }
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs one scenario; false when the scenario is not one this client knows. */
    private static boolean run(String scenario, URI server) {
        switch (scenario) {
            case "initialize":
                session(plain(server), client -> { });
                return true;
            case "tools_call":
                session(plain(server), client -> {
                    requireTool(client.listTools().tools(), "add_numbers");
                    requireSuccess(client.callTool(new CallToolRequest("add_numbers", Map.of("a", 5, "b", 3))));
                });
                return true;
            case "elicitation-sep1034-client-defaults":
                session(withElicitationDefaults(server), client -> {
                    requireTool(client.listTools().tools(), "test_client_elicitation_defaults");
                    requireSuccess(client.callTool(new CallToolRequest("test_client_elicitation_defaults", Map.of())));
                });
                return true;
            case "sse-retry":
                session(plain(server), client -> {
                    requireTool(client.listTools().tools(), "test_reconnection");
                    requireSuccess(client.callTool(new CallToolRequest("test_reconnection", Map.of())));
                });
                return true;
            case "json-schema-2020-12-preservation":
                session(plain(server), client -> {
                    List<Tool> tools = client.listTools().tools();
                    Tool focal = requireTool(tools, "json_schema_2020_12_tool");
                    requireTool(tools, "json_schema_echo");
                    // The schema as the SDK holds it, in the SDK's own JSON form: what the client would hand on.
                    Object schema = asMap(focal).get("inputSchema");
                    requireSuccess(client.callTool(new CallToolRequest("json_schema_echo", Map.of("schema", schema))));
                });
                return true;
            default:
                return false;
        }
    }

    private static McpClient.SyncSpec plain(URI server) {
        return McpClient.sync(transport(server))
                .clientInfo(CLIENT_INFO)
                .requestTimeout(TIMEOUT)
                .initializationTimeout(TIMEOUT);
    }

    /**
     * A client that declares elicitation and accepts every form with the defaults its schema gives (SEP-1034): what
     * a user who wants defaults applied writes on every line (2.x's own {@code applyElicitationDefaults} is 2.x only).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static McpClient.SyncSpec withElicitationDefaults(URI server) {
        // The request type differs by line (ElicitRequest up to 1.x, ElicitFormRequest in 2.x) and the method takes
        // a Function of it; a handler over Object reads the request in its JSON form and links on every line.
        Function<Object, ElicitResult> handler = request -> new ElicitResult(ElicitResult.Action.ACCEPT,
                defaults(asMap(request).get("requestedSchema")));
        return plain(server)
                .capabilities(ClientCapabilities.builder().elicitation().build())
                .elicitation((Function) handler);
    }

    private static Map<String, Object> defaults(Object requestedSchema) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (requestedSchema instanceof Map && ((Map<?, ?>) requestedSchema).get("properties") instanceof Map) {
            ((Map<?, ?>) ((Map<?, ?>) requestedSchema).get("properties")).forEach((name, property) -> {
                if (property instanceof Map && ((Map<?, ?>) property).containsKey("default")) {
                    content.put(String.valueOf(name), ((Map<?, ?>) property).get("default"));
                }
            });
        }
        return content;
    }

    /** The server URL as given: its path is the MCP endpoint (the root when it has none). */
    private static HttpClientStreamableHttpTransport transport(URI server) {
        String base = server.getScheme() + "://" + server.getRawAuthority();
        String path = server.getRawPath() == null || server.getRawPath().isEmpty() ? "/" : server.getRawPath();
        String endpoint = server.getRawQuery() == null ? path : path + "?" + server.getRawQuery();
        return HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).build();
    }

    /** Initializes, runs the scenario's steps and closes gracefully, also after a failed step. */
    private static void session(McpClient.SyncSpec spec, Consumer<McpSyncClient> steps) {
        McpSyncClient client = spec.build();
        try {
            client.initialize();
            steps.accept(client);
        } finally {
            client.closeGracefully();
        }
    }

    private static Tool requireTool(List<Tool> tools, String name) {
        return tools.stream()
                .filter(tool -> tool.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the server lists no tool " + name + ": " + tools));
    }

    private static void requireSuccess(CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError("the tool call failed: " + result);
        }
    }

    private static Map<?, ?> asMap(Object sdkObject) {
        return McpJsonDefaults.getMapper().convertValue(sdkObject, Map.class);
    }
}
