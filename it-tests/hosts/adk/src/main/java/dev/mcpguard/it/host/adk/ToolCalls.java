package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseTool;
import java.util.Map;
import java.util.stream.Collectors;

/** What the host programs report of a tool call and of the server processes. */
final class ToolCalls {

    private ToolCalls() {
    }

    /**
     * How a call ended: {@code succeeded}, {@code tool error: ...} (a result flagged as an error), or
     * {@code failed: <exception>}.
     */
    static String outcome(BaseTool tool, Map<String, Object> args) {
        try {
            Map<String, Object> result = tool.runAsync(args, null).blockingGet();
            return result.containsKey("error") ? "tool error: " + result.get("error") : "succeeded";
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    /** The pids of this JVM's live descendants: the servers. */
    static String liveServers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> Long.toString(p.pid())).collect(Collectors.joining(","));
    }
}
