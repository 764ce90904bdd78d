package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.Teardown;
import dev.mcpguard.agent.session.TestSessions;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.SignalType;

class HttpPostStreamsTest {

    private final SessionRegistry registry = new SessionRegistry();
    private final Object transport = new Object();
    private final Object client = new Object();
    private final List<String> failed = new ArrayList<>();
    private final HttpPostStreams streams = new HttpPostStreams(registry, (session, id, cause) -> {
        failed.add(id + ": " + cause);
        return true;
    });
    private final GuardedSession session = registry.open(client, List.of(transport), new TestSessions.ReadyClient(),
            "HttpClientStreamableHttpTransport", "http://127.0.0.1:3001", Teardown.NONE, false);

    @Test
    void aRequestWhosePostEndsStillPendingFailsNamingTheServerAndTheRequest() {
        AtomicReference<Object> connection = post(new McpSchema.JSONRPCRequest("2.0", "tools/call", "7", Map.of()));

        streams.ended(connection, SignalType.ON_ERROR);

        assertEquals(1, failed.size(), failed::toString);
        assertTrue(failed.get(0).startsWith("7: the response stream of tools/call request 7 from http://127.0.0.1:3001"),
                failed::toString);
    }

    @Test
    void aStreamEndedGracefullyBeforeTheResponseFailsItToo() {
        streams.ended(post(new McpSchema.JSONRPCRequest("2.0", "tools/call", 8, Map.of())), SignalType.ON_COMPLETE);

        assertEquals(1, failed.size(), failed::toString);
    }

    @Test
    void aCancelIsTheClientsOwnAndFailsNothing() {
        streams.ended(post(new McpSchema.JSONRPCRequest("2.0", "tools/call", 9, Map.of())), SignalType.CANCEL);

        assertTrue(failed.isEmpty(), failed::toString);
    }

    @Test
    void aResumptionTheSdkStartsInThatEndIsLeftToIt() {
        AtomicReference<Object> connection = post(new McpSchema.JSONRPCRequest("2.0", "tools/call", 10, Map.of()));

        HttpPostStreams.resuming();
        streams.ended(connection, SignalType.ON_ERROR);
        assertTrue(failed.isEmpty(), failed::toString);

        // The flag is spent by that end: the next one is judged on its own.
        streams.ended(post(new McpSchema.JSONRPCRequest("2.0", "tools/call", 11, Map.of())), SignalType.ON_ERROR);
        assertEquals(1, failed.size(), failed::toString);
    }

    @Test
    void aNotificationWaitsForNothing() {
        streams.ended(post(new McpSchema.JSONRPCNotification("2.0", "notifications/initialized", null)),
                SignalType.ON_COMPLETE);

        assertTrue(failed.isEmpty(), failed::toString);
    }

    @Test
    void aSessionBeingClosedIsLeftToTheClose() {
        AtomicReference<Object> connection = post(new McpSchema.JSONRPCRequest("2.0", "tools/call", 12, Map.of()));

        session.beginClose();
        streams.ended(connection, SignalType.ON_ERROR);

        assertTrue(failed.isEmpty(), failed::toString);
    }

    @Test
    void aConnectionRegisteredOutsideASendIsNoPost() {
        AtomicReference<Object> connection = new AtomicReference<>(new Object());
        streams.connectionAdded(connection.get());

        streams.ended(connection, SignalType.ON_ERROR);

        assertTrue(failed.isEmpty(), failed::toString);
    }

    /** What sendMessage does: the body subscribes the POST and registers its subscription, then returns. */
    private AtomicReference<Object> post(Object message) {
        AtomicReference<Object> connection = new AtomicReference<>(new Object());
        streams.sending(transport, message);
        streams.connectionAdded(connection.get());
        streams.sending(transport, null);
        return connection;
    }
}
