package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseToolset;
import com.google.adk.tools.mcp.McpSessionManager;
import io.modelcontextprotocol.client.transport.ServerParameters;

/**
 * The start-up benchmark's ADK client (it-tests/bench/startup-ab.sh, series {@code adk}), the counterpart of the
 * SDK's {@code OpenCallClose}: an {@code McpToolset} over stdio, its tool list, its close, and the end of the JVM,
 * by {@code System.exit}: in the first series run here one JVM without the agent had not ended ten minutes after
 * its close (not seen again in ten runs by hand), and one such run must not stall the series. Arguments:
 * {@code <node> <server-everything index.js>}.
 */
public final class OpenListClose {

    private OpenListClose() {
    }

    public static void main(String[] args) throws Exception {
        BaseToolset toolset = ToolCalls.toolset("sync",
                new McpSessionManager(ServerParameters.builder(args[0]).args(args[1], "stdio").build()));
        try {
            System.out.println(toolset.getTools(null).toList().blockingGet().size() + " tools");
        } finally {
            toolset.close();
        }
        System.exit(0);
    }
}
