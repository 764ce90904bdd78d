package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Streamable HTTP transport answers a request over the POST that carried it, often as an SSE stream, and tells
 * the caller only that the POST was delivered: when that stream breaks (a crash mid-call, a proxy timeout) or ends
 * without the response, nothing tells the pending request, which waits out its whole timeout. No SDK line resumes
 * a POST's stream, though they keep its event ids (java-sdk 0.18 to 2.1: each event is consumed as a stream of its
 * own, whose end never triggers the resumption). So when a POST's subscription ends, after the SDK has handled its
 * end, and the request it carried is still pending, the request fails at once naming the server. A resumption the
 * SDK does start in that end (a future line), or that {@link StreamResumption} schedules for a stream the server ended
 * gracefully after an event id, is left to run.
 */
final class HttpPostStreams {

    /** Fails one pending request of a session; false when it is no longer pending. */
    interface PendingFailure {
        boolean fail(GuardedSession session, Object requestId, String cause);
    }

    /** What a POST carried: only requests wait for an answer. */
    private record Post(Object transport, Object requestId, String method) {
    }

    /** The POST whose subscription is being built on this thread, between the send and its registration. */
    private static final ThreadLocal<Post> SENDING = new ThreadLocal<>();
    /** The SDK started resuming a stream on this thread, in the end being signalled now. */
    private static final ThreadLocal<Boolean> RESUMING = new ThreadLocal<>();

    /** By the POST's subscription (its {@code Disposable}), held weakly: the transport session holds it until the end. */
    private final WeakIdentityMap<Post> posts = new WeakIdentityMap<>();
    private final SessionRegistry registry;
    private final PendingFailure pending;

    /** Over the SDK's own pending requests. */
    HttpPostStreams(SessionRegistry registry) {
        this(registry, (session, id, cause) ->
                PendingRequests.failOne(((SdkClient) session.client()).initializer(), id, cause));
    }

    HttpPostStreams(SessionRegistry registry, PendingFailure pending) {
        this.registry = registry;
        this.pending = pending;
    }

    void sending(Object transport, Object message) {
        if (message == null) {
            SENDING.remove();
            return;
        }
        if (!message.getClass().getName().equals(Sdk.JSONRPC_REQUEST)) {
            return;
        }
        try {
            Object id = Sdk.REQUEST_ID.invoke(message);
            if (id != null) {
                SENDING.set(new Post(transport, id, String.valueOf(Sdk.REQUEST_METHOD.invoke(message))));
            }
        } catch (Exception unreadable) {
            // Left to the SDK, as without the agent.
        }
    }

    void connectionAdded(Object connection) {
        Post post = SENDING.get();
        if (post != null) {
            SENDING.remove();
            posts.put(connection, post);
        }
    }

    /** The stream whose end is signalled next on this thread is being resumed (by the SDK or by the agent). */
    static void resuming() {
        RESUMING.set(Boolean.TRUE);
    }

    static void resumed() {
        RESUMING.remove();
    }

    void ended(Object connectionRef, Object signal) {
        boolean resumed = Boolean.TRUE.equals(RESUMING.get());
        RESUMING.remove();
        Object connection = connectionRef instanceof AtomicReference ? ((AtomicReference<?>) connectionRef).get() : null;
        Post post = connection == null ? null : posts.get(connection);
        String how = String.valueOf(signal);
        // A cancel is the client's own doing (a timeout, a close): the SDK fails the request itself.
        if (post == null || resumed || !(how.equals("onError") || how.equals("onComplete"))) {
            return;
        }
        GuardedSession session = registry.find(post.transport());
        if (session == null || session.closeBegan()) {
            return;
        }
        // Not how it ended: lines before 1.1 turn the stream's error into a completion before it gets here.
        String cause = "the response stream of " + post.method() + " request " + post.requestId() + " from "
                + session.server() + " ended before its response (the connection broke or the server closed it),"
                + " and the SDK does not resume it";
        if (pending.fail(session, post.requestId(), cause)) {
            GuardCounters.increment(GuardCounters.HTTP_STREAMS_ENDED);
            GuardLog.debug(cause + " (" + session + "); failed it");
        }
    }
}
