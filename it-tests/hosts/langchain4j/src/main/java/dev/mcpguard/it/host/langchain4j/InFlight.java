package dev.mcpguard.it.host.langchain4j;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Waits until a {@code DefaultMcpClient} has a request in flight, read from LangChain4j's own map of pending
 * operations as a host may (present on every line from 1.6; a listener would tie the program to 1.11 and later).
 */
final class InFlight {

    private static final long LIMIT_MS = 10_000;

    private InFlight() {
    }

    static void await(DefaultMcpClient client, String what) throws Exception {
        Field field = DefaultMcpClient.class.getDeclaredField("pendingOperations");
        field.setAccessible(true);
        Map<?, ?> pending = (Map<?, ?>) field.get(client);
        long deadline = System.currentTimeMillis() + LIMIT_MS;
        while (pending.isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no " + what + " in flight within " + LIMIT_MS + " ms");
            }
            Thread.sleep(5);
        }
    }
}
