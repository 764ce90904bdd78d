package dev.mcpguard.agent.config;

/**
 * What the agent does, one switch each ({@code mcp.guard.<name>.enabled}). A feature owns the SDK
 * instrumentations that serve it; turning it off leaves those SDK classes untouched.
 */
public enum Feature {
    SESSIONS("sessions", "tracks every MCP client session from open to close; the other features build on it"),
    CLOSE_MARSHALLING("close-marshalling",
            "runs every close on the session's owner thread, bounded by close-timeout, whatever thread asks"),
    TERMINATION("termination",
            "ends a close that overruns close-timeout forcibly: the server process tree and transport threads"),
    CLOSED_GUARD("closed-guard", "a closed client stays closed: later calls fail fast and never reconnect"),
    EXIT_CLEANUP("exit-cleanup",
            "stdio transport threads do not keep the JVM alive; sessions left open are closed at JVM exit"),
    LIVENESS("liveness",
            "a stdio server that exits by itself fails the pending requests at once, naming its exit code"),
    SESSION_HEALING("session-healing",
            "a legacy HTTP+SSE session whose event stream ended fails its pending calls; the next call opens a new one"),
    LEAK_FIXES("leak-fixes", "a request that timed out or was cancelled leaves no pending entry behind; a Streamable"
            + " HTTP session lets go of its connections at close even when its DELETE fails"),
    HTTP_LIVENESS("http-liveness",
            "a Streamable HTTP call whose response stream ends before its response, and is not resumed, fails at once"),
    HOST_LOOPS("host-loops",
            "a reconnect.methods attempt that fails only with teardown artifacts is run again, not counted"),
    RECONNECT_BUDGET("reconnect-budget",
            "the SDK's own re-initializations are spaced by backoff and stopped by a circuit after max-failures"),
    TOOL_RETRIES("tool-retries",
            "a library's own retry of a failed tool call runs it again only when the call never reached the server"),
    STREAM_RESUMPTION("stream-resumption",
            "a Streamable HTTP stream the server ends before its response is resumed after its retry: delay (SDK 2.1)");

    private final String name;
    private final String description;

    Feature(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String featureName() {
        return name;
    }

    public String description() {
        return description;
    }
}
