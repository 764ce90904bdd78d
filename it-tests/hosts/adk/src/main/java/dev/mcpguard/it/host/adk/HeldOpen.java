package dev.mcpguard.it.host.adk;

import com.google.adk.tools.BaseToolset;
import com.google.adk.tools.mcp.McpSessionManager;
import io.modelcontextprotocol.client.transport.ServerParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * An ADK toolset held open while the test looks at the JVM from outside ({@code status}, {@code doctor}): it prints
 * {@code MCPGUARD-IT-READY} once the toolset listed its tools, waits for the signal file, then closes the toolset.
 * Arguments: {@code <sync|async> <node> <server-everything index.js> <signal file>}.
 */
public final class HeldOpen {

    private static final long SIGNAL_LIMIT_MS = 120_000;

    private HeldOpen() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        BaseToolset toolset = ToolCalls.toolset(args[0],
                new McpSessionManager(ServerParameters.builder(args[1]).args(args[2], "stdio").build()));
        try {
            toolset.getTools(null).toList().blockingGet();
            System.out.println("MCPGUARD-IT-READY pid=" + ProcessHandle.current().pid());
            System.out.flush();
            Path signal = Path.of(args[3]);
            long deadline = System.currentTimeMillis() + SIGNAL_LIMIT_MS;
            while (!Files.exists(signal) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            toolset.close();
        }
        report.accept("closed", "true");
    }
}
