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
        Object session = initialization == null ? null : current(Sdk.INITIALIZATION_SESSION.read(initialization));
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

    private static Object current(Object atomicReference) {
        return atomicReference instanceof AtomicReference ? ((AtomicReference<?>) atomicReference).get() : null;
    }
}
