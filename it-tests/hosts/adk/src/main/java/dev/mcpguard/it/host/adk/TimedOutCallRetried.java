package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseTool;
import com.google.adk.tools.BaseToolset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A tool call that outlives the request timeout of {@code StdioConnectionParameters} (5 s by default; here
 * {@code <timeout s>}): server-everything's {@code trigger-long-running-operation} for {@code <duration s>}. The
 * server received the call and runs it; ADK's {@code McpTool} retries it up to three times, each time on a new
 * session, and so runs it again. Reports the call's outcome ({@code call}) and duration ({@code callMs}), the server
 * processes alive once it ended ({@code serversAfterCall}: each got the call), then closes the toolset. Arguments:
 * {@code <sync|async> <node> <server-everything index.js> <timeout s> <duration s>} (the toolset's kind: see
 * {@link ToolCalls#toolset}).
 */
public final class TimedOutCallRetried {

    private static final String LONG_CALL = "trigger-long-running-operation";

    private TimedOutCallRetried() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        BaseToolset toolset = ToolCalls.toolset(args[0], ToolCalls.stdioSessions(args[1], args[2], args[3]));
        try {
            BaseTool tool = ToolCalls.load(toolset, LONG_CALL);
            int duration = Integer.parseInt(args[4]);
            report.accept("serversBeforeCall", ToolCalls.liveServers());
            long start = System.nanoTime();
            String outcome = ToolCalls.outcome(tool, Map.of("duration", duration, "steps", duration));
            report.accept("callMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            report.accept("call", outcome);
            report.accept("serversAfterCall", ToolCalls.liveServers());
        } finally {
            toolset.close();
        }
    }
}
