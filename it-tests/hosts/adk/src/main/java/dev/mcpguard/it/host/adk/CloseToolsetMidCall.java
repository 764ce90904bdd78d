package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseTool;
import com.google.adk.tools.BaseToolset;
import com.google.adk.tools.mcp.McpSessionManager;
import io.modelcontextprotocol.client.transport.ServerParameters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * {@code McpToolset.close()} while one of its tools is mid-call: server-everything's
 * {@code trigger-long-running-operation} runs for {@code <duration s>} on one thread, and the toolset is closed
 * {@code <close after ms>} into it on another. ADK's {@code McpTool} answers the failed call by retrying it on a new
 * session. Reports the call's outcome ({@code call}: succeeded, or failed with its exception), how long after the
 * close it ended ({@code callEndedAfterCloseMs}), and the server processes alive once it ended
 * ({@code serversAfterCall}); then the outcome of another tool's call after the close ({@code callAfterClose}), and
 * of a call on a tool the toolset hands out again after it ({@code callAfterReopen}), and closes it again.
 * Arguments: {@code <sync|async> <node> <server-everything index.js> <duration s> <close after ms>}: the toolset's
 * kind ({@link ToolCalls#toolset}), then the server and the timing.
 */
public final class CloseToolsetMidCall {

    private static final String LONG_CALL = "trigger-long-running-operation";

    private CloseToolsetMidCall() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        int duration = Integer.parseInt(args[3]);
        BaseToolset toolset = ToolCalls.toolset(args[0],
                new McpSessionManager(ServerParameters.builder(args[1]).args(args[2], "stdio").build()));
        List<BaseTool> tools = toolset.getTools(null).toList().blockingGet();
        BaseTool tool = tools.stream().filter(t -> t.name().equals(LONG_CALL)).findFirst()
                .orElseThrow(() -> new IllegalStateException("server-everything has no " + LONG_CALL));
        BaseTool echo = tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        report.accept("serversBeforeCall", ToolCalls.liveServers());

        AtomicReference<String> outcome = new AtomicReference<>();
        AtomicLong ended = new AtomicLong();
        Thread caller = new Thread(() -> {
            outcome.set(ToolCalls.outcome(tool, Map.of("duration", duration, "steps", duration)));
            ended.set(System.nanoTime());
        }, "adk-tool-call");
        caller.start();
        Thread.sleep(Long.parseLong(args[4]));
        long closed = System.nanoTime();
        toolset.close();
        report.accept("closeMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed)));
        caller.join(TimeUnit.SECONDS.toMillis(duration * 4L + 30));
        report.accept("call", outcome.get() == null ? "still running" : outcome.get());
        report.accept("callEndedAfterCloseMs", outcome.get() == null ? "-1"
                : Long.toString(TimeUnit.NANOSECONDS.toMillis(ended.get() - closed)));
        report.accept("serversAfterCall", ToolCalls.liveServers());
        report.accept("callAfterClose", ToolCalls.outcome(echo, Map.of("message", "after the close")));
        BaseTool reopened = toolset.getTools(null).filter(t -> t.name().equals("echo")).firstOrError().blockingGet();
        report.accept("callAfterReopen", ToolCalls.outcome(reopened, Map.of("message", "reopened")));
        toolset.close();
    }
}
