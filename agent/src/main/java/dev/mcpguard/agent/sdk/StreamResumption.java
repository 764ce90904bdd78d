package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.streams.EventStreamFields;
import dev.mcpguard.agent.streams.ObservedEventStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A Streamable HTTP server may end the event stream of a POST before the response it owes (SEP-1699); the client is
 * to come back after the server's {@code retry:} delay, never sooner, with a GET carrying {@code Last-Event-ID}. The
 * SDK resumes only a stream that failed, and then at once: a stream the server ended gracefully is resumed here,
 * through the transport's own {@code reconnect(stream)}, so the response arrives where the SDK expects it.
 */
final class StreamResumption {

    /** The delay when the server names none: the HTML event-stream rules leave it to the client, a few seconds. */
    static final long DEFAULT_RETRY_MILLIS = 3000;

    private StreamResumption() {
    }

    /**
     * The body {@code consumeSseStream} is to read: for a POST's stream ({@code stream} null) on a transport that
     * keeps its streams resumable, the same body read along; otherwise {@code body} itself.
     */
    @SuppressWarnings("unchecked")
    static Object observe(Object transport, Object body, Object stream, SessionRegistry registry, Budgets budgets) {
        if (stream != null || !(body instanceof Flow.Publisher)
                || !Boolean.TRUE.equals(Sdk.STREAMABLE_RESUMABLE.read(transport))) {
            return body;
        }
        return new ObservedEventStream((Flow.Publisher<List<ByteBuffer>>) body, (fields, passOn) -> {
            if (!ended(transport, fields, registry, budgets)) {
                passOn.run();
                return;
            }
            // The POST's end, which the reader is told now, is not the end of its request: liveness leaves it.
            HttpPostStreams.resuming();
            try {
                passOn.run();
            } finally {
                HttpPostStreams.resumed();
            }
        });
    }

    /**
     * The server ended a POST's stream: resumed when it gave an event id and the session still waits for an answer
     * (the SDK has taken every answer the stream carried as its events came). True when a resumption is scheduled.
     */
    private static boolean ended(Object transport, EventStreamFields fields, SessionRegistry registry,
            Budgets budgets) {
        GuardedSession session = registry.find(transport);
        if (fields.lastEventId() == null || session == null || session.closeBegan() || !session.client().isBusy()) {
            return false;
        }
        long delay = fields.retryMillis() >= 0 ? fields.retryMillis() : DEFAULT_RETRY_MILLIS;
        GuardLog.debug("the server ended an event stream before its response; resuming it in " + delay + " ms");
        Reactor reactor = Reactor.of(transport);
        reactor.toFuture(reactor.after(Duration.ofMillis(delay), () -> {
            if (!session.closeBegan()) {
                String refusal = budgets.of(session).refusal();
                if (refusal == null) {
                    resume(transport, fields.lastEventId());
                } else {
                    GuardLog.debug("event stream not resumed: " + refusal);
                }
            }
            return reactor.empty();
        }));
        return true;
    }

    /** A GET with {@code Last-Event-ID: lastEventId}, read by the SDK as the stream it continues. */
    @SuppressWarnings("unchecked")
    private static void resume(Object transport, String lastEventId) {
        try {
            ClassLoader loader = transport.getClass().getClassLoader();
            Function<Object, Object> reconnect = s -> {
                try {
                    return Sdk.STREAMABLE_RECONNECT.invokeDeclared(transport, s);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Object stream = Sdk.TRANSPORT_STREAM_CONSTRUCTOR.construct(loader, true, reconnect);
            Object lastId = Sdk.TRANSPORT_STREAM_LAST_ID.read(stream);
            if (!(lastId instanceof AtomicReference)) {
                return;
            }
            ((AtomicReference<Object>) lastId).set(lastEventId);
            Object connecting = Sdk.STREAMABLE_RECONNECT.invokeDeclared(transport, stream);
            Reactor.of(transport).toFuture(connecting).whenComplete((connection, failure) -> {
                if (failure != null) {
                    GuardLog.debug("resuming an event stream failed: " + failure);
                }
            });
        } catch (Exception | LinkageError e) {
            GuardLog.debug("resuming an event stream failed: " + e);
        }
    }
}
