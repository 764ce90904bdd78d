package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A {@code DefaultMcpClient} over stdio held open while the test looks at the JVM from outside ({@code status},
 * {@code doctor}): it prints {@code MCPGUARD-IT-READY} once the client is up, waits for the signal file, then closes
 * the client. Arguments: {@code <node> <server-everything index.js> <signal file>}.
 */
public final class HeldOpen {

    private static final long SIGNAL_LIMIT_MS = 120_000;

    private HeldOpen() {
    }

    public static void run(String[] args, BiConsumer<String, String> report) throws Exception {
        DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(new StdioMcpTransport.Builder().command(List.of(args[0], args[1], "stdio")).build())
                .build();
        try {
            client.listTools();
            System.out.println("MCPGUARD-IT-READY pid=" + ProcessHandle.current().pid());
            System.out.flush();
            awaitSignal(Path.of(args[2]));
        } finally {
            client.close();
        }
        report.accept("closed", "true");
    }

    private static void awaitSignal(Path signal) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SIGNAL_LIMIT_MS;
        while (!Files.exists(signal) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
