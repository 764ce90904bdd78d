package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseTool;
import com.google.adk.tools.BaseToolset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The toolset's server dies between two calls (killed, as a crash or the OOM killer would): the next call fails on
 * the dead session before it reaches any server, and ADK's {@code McpTool} runs it again on a new session, which is
 * what a host wants here. Reports the first call ({@code firstCall}), the servers killed
 * ({@code serversBeforeCall}), the second call's outcome ({@code call}) and duration ({@code callMs}), the servers alive once it ended
 * ({@code serversAfterCall}), then closes the toolset. Arguments: {@code <node> <server-everything index.js>
 * <timeout s>} (the request timeout of {@code StdioConnectionParameters}, which only the sync toolset takes).
 */
public final class ServerDiesBetweenCalls {

    private ServerDiesBetweenCalls() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        BaseToolset toolset = ToolCalls.toolset("sync", ToolCalls.stdioSessions(args[0], args[1], args[2]));
        try {
            BaseTool echo = ToolCalls.load(toolset, "echo");
            report.accept("firstCall", ToolCalls.outcome(echo, Map.of("message", "before")));
            List<ProcessHandle> servers = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .collect(Collectors.toList());
            report.accept("serversBeforeCall", ToolCalls.liveServers());
            long exitsSeen = ToolCalls.agentCounter("servers.exited");
            for (ProcessHandle server : servers) {
                server.destroyForcibly();
            }
            for (ProcessHandle server : servers) {
                server.onExit().get(10, TimeUnit.SECONDS);
            }
            // The next call comes once an agent, if there is one, has seen the exits: a call that races an exit is
            // one that may have reached the server, and the agent lets no such call run again.
            ToolCalls.awaitAgentCounter("servers.exited", exitsSeen + servers.size());
            long start = System.nanoTime();
            report.accept("call", ToolCalls.outcome(echo, Map.of("message", "after")));
            report.accept("callMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            report.accept("serversAfterCall", ToolCalls.liveServers());
        } finally {
            toolset.close();
        }
    }
}
