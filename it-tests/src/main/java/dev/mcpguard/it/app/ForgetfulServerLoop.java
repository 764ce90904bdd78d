package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;

/**
 * A host reconnect loop written the common way, {@code try { ... } finally { client.close(); }}, against a server
 * that forgets every session (a real failure whose error, "MCP session with server terminated", looks exactly like
 * a teardown artifact): the host's own close in {@code finally} comes after the failure and must not turn it into
 * an artifact. Arguments: {@code <url>}. Budget {@link #BUDGET} failures. Reports {@code failures}, {@code bodies}
 * (how often the attempt's body ran, re-runs by the agent included) and {@code lastFailure}.
 */
public final class ForgetfulServerLoop extends ScenarioApp {

    static final int BUDGET = 3;
    /** Bounds the loop whatever the agent decides. */
    private static final int MAX_BODIES = 40;

    private int bodies;

    public static void main(String[] args) {
        new ForgetfulServerLoop().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        int failures = 0;
        String lastFailure = "none";
        while (failures < BUDGET && bodies < MAX_BODIES) {
            try {
                attempt(args[0]);
            } catch (RuntimeException e) {
                failures++;
                lastFailure = Scenarios.describe(e);
            }
        }
        report.put("failures", failures);
        report.put("bodies", bodies);
        report.put("lastFailure", lastFailure);
    }

    /** The loop body the agent is told about ({@code reconnect.methods}). */
    public void attempt(String url) {
        bodies++;
        McpSyncClient client = Clients.sync("streamable", url);
        try {
            client.initialize();
            client.callTool(Clients.ECHO);
        } finally {
            client.close();
        }
    }
}
