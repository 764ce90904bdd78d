package dev.mcpguard.agent.exit;

import dev.mcpguard.agent.log.GuardLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The application's shutdown hooks, as the JDK keeps them: the agent's exit hook waits for the others to end before
 * it closes anything, because they run all at once and in no order, and one of them may still be draining (a
 * server's graceful shutdown that calls a tool, then closes its client). The JDK has no API for this; the agent
 * opens {@code java.lang} to itself for the one map that holds them, and without it the exit hook closes at once.
 */
final class ShutdownHooks {

    private static final long STARTING_POLL_NANOS = 1_000_000;

    private final Map<Thread, Thread> registered;

    ShutdownHooks(Map<Thread, Thread> registered) {
        this.registered = registered;
    }

    /** Reads the JDK's map of hooks now: at shutdown the JDK forgets where it is, though the map stays as it was. */
    @SuppressWarnings("unchecked")
    static ShutdownHooks of(Instrumentation instrumentation) {
        try {
            Module javaBase = Object.class.getModule();
            Module self = ShutdownHooks.class.getModule();
            if (!javaBase.isOpen("java.lang", self)) {
                instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(self)),
                        Set.of(), Map.of());
            }
            Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
            hooks.setAccessible(true);
            Object map = hooks.get(null);
            if (map instanceof Map) {
                return new ShutdownHooks((Map<Thread, Thread>) map);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("cannot see the application's shutdown hooks (" + e
                    + "); at exit, sessions left open are closed without waiting for them");
        }
        return new ShutdownHooks(null);
    }

    /**
     * Waits until every other application shutdown hook has ended, at most {@code limit}. Returns whether they all
     * did; false also when the hooks cannot be seen.
     */
    boolean awaitOthers(Duration limit) {
        if (registered == null) {
            return false;
        }
        // Stable: once shutdown began, the JDK refuses to add or remove hooks.
        List<Thread> others = new ArrayList<>(registered.keySet());
        others.remove(Thread.currentThread());
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Thread other : others) {
                // The JDK starts the hooks one after the other: this one may be running before the next is started,
                // and joining a thread that has not started returns at once.
                while (other.getState() == Thread.State.NEW) {
                    if (deadline - System.nanoTime() <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(STARTING_POLL_NANOS);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                other.join(Math.max(1, left / 1_000_000));
                if (other.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
