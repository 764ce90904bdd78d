package dev.mcpguard.it.app;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads, for the leak scenarios' measurements only, what the SDK keeps inside a session: the requests it still waits
 * an answer for, and a Streamable HTTP transport session's open streams. The names are the same on every SDK line.
 */
final class SessionInternals {

    private SessionInternals() {
    }

    /** How many entries {@code McpClientSession.pendingResponses} of {@code asyncClient}'s session holds. */
    static int pendingResponses(Object asyncClient) throws ReflectiveOperationException {
        Object initializer = field(asyncClient, "initializer");
        Object initialization = ((AtomicReference<?>) field(initializer, "initializationRef")).get();
        Object session = ((AtomicReference<?>) field(initialization, "mcpClientSession")).get();
        return ((Map<?, ?>) field(session, "pendingResponses")).size();
    }

    /** {@code DefaultMcpTransportSession.openConnections} of a Streamable HTTP transport's active session. */
    static Object openStreams(Object streamableTransport) throws ReflectiveOperationException {
        Object transportSession = ((AtomicReference<?>) field(streamableTransport, "activeSession")).get();
        return field(transportSession, "openConnections");
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException notHere) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }
}
