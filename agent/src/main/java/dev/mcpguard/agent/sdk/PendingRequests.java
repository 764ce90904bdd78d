package dev.mcpguard.agent.sdk;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The requests an SDK session still waits an answer for, reached from its {@code LifecycleInitializer}. */
final class PendingRequests {

    private PendingRequests() {
    }

    /** Fails every pending request of the session behind {@code initializer} with {@code cause}; returns how many. */
    static int fail(Object initializer, String cause) {
        return failOf(initializer == null ? null : current(Sdk.INITIALIZATION_REF.read(initializer)), cause);
    }

    /** Fails every pending request of the session of one {@code initialization}; returns how many. */
    static int failOf(Object initialization, String cause) {
        Object session = sessionOf(initialization);
        Object pending = session == null ? null : Sdk.PENDING_RESPONSES.read(session);
        if (!(pending instanceof Map)) {
            return 0;
        }
        Reactor reactor = Reactor.of(session);
        int failed = 0;
        for (Object sink : new ArrayList<>(((Map<?, ?>) pending).values())) {
            reactor.fail(sink, new IllegalStateException(cause));
            failed++;
        }
        return failed;
    }

    /**
     * Fails the one pending request {@code id} of the session behind {@code initializer} with {@code cause}, and
     * drops it, so that an answer arriving later finds nothing; false when it is not pending (it was answered).
     */
    static boolean failOne(Object initializer, Object id, String cause) {
        Object session = sessionOf(initializer == null ? null : current(Sdk.INITIALIZATION_REF.read(initializer)));
        Object pending = session == null ? null : Sdk.PENDING_RESPONSES.read(session);
        Object sink = pending instanceof Map ? ((Map<?, ?>) pending).remove(id) : null;
        if (sink == null) {
            return false;
        }
        Reactor.of(session).fail(sink, new IllegalStateException(cause));
        return true;
    }

    /** How many requests the session behind {@code initializer} waits an answer for. */
    static int count(Object initializer) {
        Object session = sessionOf(initializer == null ? null : current(Sdk.INITIALIZATION_REF.read(initializer)));
        Object pending = session == null ? null : Sdk.PENDING_RESPONSES.read(session);
        return pending instanceof Map ? ((Map<?, ?>) pending).size() : 0;
    }

    /** The SDK's {@code McpClientSession} of one initialization. */
    private static Object sessionOf(Object initialization) {
        return initialization == null ? null : current(Sdk.INITIALIZATION_SESSION.read(initialization));
    }

    private static Object current(Object atomicReference) {
        return atomicReference instanceof AtomicReference ? ((AtomicReference<?>) atomicReference).get() : null;
    }
}
