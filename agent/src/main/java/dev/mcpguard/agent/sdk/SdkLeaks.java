package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.CleanupHooks;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.Map;

/**
 * Closes two leaks of the SDK's sessions: the pending entry of a request that timed out or was cancelled
 * (java-sdk #1133), and the open streams of a Streamable HTTP session whose DELETE failed (java-sdk #547).
 */
public final class SdkLeaks implements CleanupHooks.Listener {

    /**
     * The id {@code generateRequestId()} just made on this thread: {@code sendRequest} makes it first and returns on
     * the same thread without a call in between that could make another, so the two advices meet here.
     */
    private static final ThreadLocal<Object> REQUEST_ID = new ThreadLocal<>();

    @Override
    public void requestIdMade(Object id) {
        REQUEST_ID.set(id);
    }

    @Override
    public Object requestSent(Object session, Object mono) {
        Object id = REQUEST_ID.get();
        REQUEST_ID.remove();
        Object pending = Sdk.PENDING_RESPONSES.read(session);
        if (id == null || mono == null || !(pending instanceof Map)) {
            return mono;
        }
        Map<?, ?> responses = (Map<?, ?>) pending;
        // Before the error travels on: a host's retry subscribes again at once and puts the same id back.
        Runnable drop = () -> {
            if (responses.remove(id) != null) {
                GuardCounters.increment(GuardCounters.REQUESTS_DROPPED);
            }
        };
        return Reactor.of(session).onErrorOrCancel(mono, drop);
    }

    @Override
    public Object transportSessionClosing(Object transportSession, Object mono, Throwable thrown) {
        Runnable dispose = () -> {
            Object connections = Sdk.TRANSPORT_SESSION_CONNECTIONS.read(transportSession);
            Reactor reactor = Reactor.of(transportSession);
            if (connections != null && !reactor.isDisposed(connections)) {
                reactor.dispose(connections);
                GuardCounters.increment(GuardCounters.CONNECTIONS_DISPOSED);
                GuardLog.debug("a Streamable HTTP session's close failed before it let go of its streams: disposed");
            }
        };
        if (thrown != null) {
            dispose.run();
            return mono;
        }
        return mono == null ? null : Reactor.of(transportSession).onErrorOrCancel(mono, dispose);
    }
}
