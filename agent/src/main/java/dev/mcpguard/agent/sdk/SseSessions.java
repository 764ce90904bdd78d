package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A legacy HTTP+SSE session is its event stream: the server keeps the session only while the stream is open, and a
 * restarted server has never heard of it. The SDK's transport does not notice the stream ending: it keeps posting to
 * the old session's endpoint, and every call waits out its timeout or is refused, until the application rebuilds the
 * client (spring-ai #2740). When the stream ends and nobody is closing, the session is known dead: its initialization
 * is forgotten, so that the next call initializes a new session on a new stream (single-flight, through the reconnect
 * budget, like any initialization), and its pending requests fail at once. No call is sent again: whether it reached
 * the server cannot be known.
 */
final class SseSessions {

    private SseSessions() {
    }

    /** The stream of {@code session}'s transport ended: unless a close ended it, the session is gone. */
    static void streamEnded(GuardedSession session, Object transport, String signal) {
        if (session.closeBegan() || Boolean.TRUE.equals(Sdk.SSE_CLOSING.read(transport))) {
            return;
        }
        String cause = "the event stream of " + session + " at " + session.server()
                + " ended (" + signal + "); the server no longer has the session, the next call opens a new one";
        SdkClient client = (SdkClient) session.client();
        Object initialization = forget(client.initializer());
        // The endpoint belongs to the old session: a send still waiting for one fails now, the next stream names
        // a new one.
        Reactor reactor = Reactor.of(transport);
        Object endpoint = Sdk.SSE_ENDPOINT.read(transport);
        Sdk.SSE_ENDPOINT.write(transport, reactor.oneSink());
        if (endpoint != null) {
            reactor.tryEmitError(endpoint, new IllegalStateException(cause));
        }
        int failed = PendingRequests.failOf(initialization, cause);
        GuardCounters.increment(GuardCounters.SESSIONS_HEALED);
        GuardLog.debug(cause + "; failed " + failed + " pending request(s)");
    }

    /** Drops the current initialization, so the next call starts a new one; returns the dropped one. */
    private static Object forget(Object initializer) {
        Object ref = initializer == null ? null : Sdk.INITIALIZATION_REF.read(initializer);
        return ref instanceof AtomicReference ? ((AtomicReference<?>) ref).getAndSet(null) : null;
    }
}
