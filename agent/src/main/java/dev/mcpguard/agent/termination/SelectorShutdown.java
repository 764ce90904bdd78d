package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Before JDK 21 an {@link HttpClient} cannot be shut down: its selector thread and the workers of its default
 * executor end only when the client is collected, so every HTTP session a JVM opens leaves five or so threads for as
 * long as the garbage collector lets them be (java-sdk #620). The JDK's own client ends them when its selector
 * manager shuts down ({@code HttpClientImpl.SelectorManager.shutdown()}, which closes the connections and shuts down
 * a default executor, never one the host supplied). That manager is internal: its package is opened to the agent,
 * and each member is looked up once, when the first client is to be shut down (loading the JDK's HTTP client at the
 * agent's start would cost a stdio-only host 30 ms); if any is missing (another JDK), nothing is shut down, as before.
 */
final class SelectorShutdown {

    private static final String PACKAGE = "jdk.internal.net.http";

    private static volatile Instrumentation instrumentation;

    /** How often, and how long at most, a client still sending its last request is looked at before it is ended. */
    private static final long IDLE_POLL_MS = 50;
    static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Field impl;
    private final Field selectorManager;
    private final Method shutdown;
    private final Field pendingOperations;

    private SelectorShutdown(Field impl, Field selectorManager, Method shutdown, Field pendingOperations) {
        this.impl = impl;
        this.selectorManager = selectorManager;
        this.shutdown = shutdown;
        this.pendingOperations = pendingOperations;
    }

    /** What opens the JDK's package to the agent when the members are first needed. */
    static void prepare(Instrumentation instrumentation) {
        SelectorShutdown.instrumentation = instrumentation;
    }

    /** The JDK's members, looked up by the first shutdown that needs them; null when this JDK lacks them. */
    private static final class Available {
        static final SelectorShutdown MEMBERS = lookUp(instrumentation);
    }

    /** On JDK 21+ the public {@code HttpClient.shutdown} serves instead. */
    private static SelectorShutdown lookUp(Instrumentation instrumentation) {
        if (Runtime.version().feature() >= 21 || instrumentation == null) {
            return null;
        }
        try {
            Module httpModule = HttpClient.class.getModule();
            Module self = SelectorShutdown.class.getModule();
            if (!httpModule.isOpen(PACKAGE, self)) {
                instrumentation.redefineModule(httpModule, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)),
                        Set.of(), Map.of());
            }
            Field impl = accessible(Class.forName(PACKAGE + ".HttpClientFacade").getDeclaredField("impl"));
            Class<?> clientImpl = Class.forName(PACKAGE + ".HttpClientImpl");
            Field selectorManager = accessible(clientImpl.getDeclaredField("selmgr"));
            Method shutdown = Class.forName(PACKAGE + ".HttpClientImpl$SelectorManager").getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            Field pendingOperations = accessible(clientImpl.getDeclaredField("pendingOperationCount"));
            return new SelectorShutdown(impl, selectorManager, shutdown, pendingOperations);
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("this JDK's HttpClient internals are not as expected (" + e
                    + "); the HttpClients of closed MCP sessions end when they are collected");
            return null;
        }
    }

    /** Ends {@code client}'s selector and its default executor's threads; false if this JDK does not allow it. */
    static boolean shutDown(HttpClient client) {
        SelectorShutdown internals = Available.MEMBERS;
        if (internals == null || !internals.impl.getDeclaringClass().isInstance(client)) {
            return false;
        }
        try {
            Object manager = internals.selectorManager.get(internals.impl.get(client));
            if (manager == null) {
                return false;
            }
            internals.shutdown.invoke(manager);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("could not shut down the selector of an MCP session's HttpClient", e);
            return false;
        }
    }

    /**
     * Ends {@code client}'s selector once it has nothing in flight (after a quick close the library may still be
     * sending its last request, the session's DELETE), or after ten seconds at most; false if this JDK does not
     * allow it. Returns at once: the waiting is done off the caller's thread.
     */
    static boolean shutDownWhenIdle(HttpClient client) {
        SelectorShutdown internals = Available.MEMBERS;
        if (internals == null || !internals.impl.getDeclaringClass().isInstance(client)) {
            return false;
        }
        internals.whenIdle(client, System.nanoTime() + IDLE_LIMIT_NANOS);
        return true;
    }

    private void whenIdle(HttpClient client, long deadline) {
        CompletableFuture.runAsync(() -> {
            if (System.nanoTime() - deadline >= 0 || pending(client) == 0) {
                shutDown(client);
            } else {
                whenIdle(client, deadline);
            }
        }, CompletableFuture.delayedExecutor(IDLE_POLL_MS, TimeUnit.MILLISECONDS));
    }

    private long pending(HttpClient client) {
        try {
            Object count = pendingOperations.get(impl.get(client));
            return count instanceof AtomicLong ? ((AtomicLong) count).get() : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }
}
