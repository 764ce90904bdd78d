package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.config.Durations;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reflect.Reactor;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.termination.Teardown;
import dev.mcpguard.bootstrap.GuardCounters;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a close goes. Whatever thread asks, the SDK's own close code runs on the session's owner, once; the asker
 * waits for it within the close timeout, or, where waiting is itself the defect, hands it over and returns. A
 * close that has not finished by the deadline is ended forcibly (when termination is enabled).
 */
public final class CloseMarshaller {

    /** What a forced termination may take on top of the close timeout before the close is called failed. */
    public static final Duration TERMINATION_MARGIN = Duration.ofSeconds(1);

    private final SessionRegistry registry;
    private final Duration timeout;
    private final boolean terminate;
    private final boolean adoptUnknown;
    private final Timer timer = new Timer();
    /** The client whose SDK close this owner thread is running right now: its advice lets that call through. */
    private final ThreadLocal<Object> passThrough = new ThreadLocal<>();

    /**
     * @param adoptUnknown whether a client the registry does not know (it opened before the agent was attached) is
     *     registered at its close and marshalled like any other; false when session tracking is switched off
     */
    public CloseMarshaller(SessionRegistry registry, Duration timeout, boolean terminate, boolean adoptUnknown) {
        this.registry = registry;
        this.timeout = timeout;
        this.terminate = terminate;
        this.adoptUnknown = adoptUnknown;
    }

    /** {@code McpAsyncClient.close()}: returns once the owner has run the SDK's (quick) close; true = taken over. */
    public boolean close(Object client) {
        GuardedSession session = ours(client);
        if (session == null) {
            return false;
        }
        begin(session, false);
        if (Waiting.mustNotWait(client)) {
            GuardCounters.increment("closes.handed-over");
        } else {
            Waiting.uninterruptibly(session.sdkCloseInvoked(), timeout);
        }
        return true;
    }

    /** {@code McpAsyncClient.closeGracefully()}: a Mono that, when subscribed, closes on the owner. */
    public Object closeGracefully(Object client) {
        GuardedSession session = ours(client);
        if (session == null) {
            return null;
        }
        Reactor reactor = Reactor.of(client);
        return reactor.defer(() -> {
            CompletableFuture<Boolean> closed = begin(session, true);
            if (Waiting.mustNotWait(client)) {
                GuardCounters.increment("closes.handed-over");
                return reactor.empty();
            }
            return reactor.fromFuture(closed.thenCompose(released -> released
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException(session + " could not be closed"))));
        });
    }

    /** {@code McpSyncClient.closeGracefully()}: true when closed or handed over, false only when it could not be. */
    public Boolean closeGracefullyAndWait(Object asyncClient) {
        GuardedSession session = ours(asyncClient);
        if (session == null) {
            return null;
        }
        CompletableFuture<Boolean> closed = begin(session, true);
        if (Waiting.mustNotWait(asyncClient)) {
            GuardCounters.increment("closes.handed-over");
            return true;
        }
        Boolean released = Waiting.uninterruptibly(closed, timeout.plus(TERMINATION_MARGIN).plusSeconds(1));
        return released != null && released;
    }

    /** Begins closing the session now (the shutdown hook's path); joins a close already under way. */
    public CompletableFuture<Boolean> closeNow(GuardedSession session) {
        return begin(session, true);
    }

    private GuardedSession ours(Object client) {
        if (passThrough.get() == client) {
            return null;
        }
        GuardedSession session = registry.byClient(client);
        return session != null || !adoptUnknown ? session : registry.adopt(client);
    }

    private CompletableFuture<Boolean> begin(GuardedSession session, boolean graceful) {
        if (session.beginClose()) {
            registry.closing(session);
            GuardCounters.increment("closes.marshalled");
            try {
                session.owner().execute(() -> runOnOwner(session, graceful));
            } catch (RejectedExecutionException e) {
                runOnOwner(session, graceful);
            }
        }
        return session.closed();
    }

    private void runOnOwner(GuardedSession session, boolean graceful) {
        Teardown teardown = session.teardown();
        Object client = session.client();
        CompletableFuture<?> sdkDone;
        try {
            teardown.beforeClose();
            if (client == null) {
                sdkDone = teardown.released();
            } else {
                passThrough.set(client);
                try {
                    if (graceful) {
                        sdkDone = Reactor.of(client).toFuture(invoke(client, "closeGracefully"));
                    } else {
                        invoke(client, "close");
                        sdkDone = teardown.released();
                    }
                } finally {
                    passThrough.remove();
                }
            }
        } catch (Throwable t) {
            sdkDone = CompletableFuture.failedFuture(t);
        }
        session.sdkCloseInvoked().complete(null);

        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<?> done = sdkDone;
        ScheduledFuture<?> deadline = timer.after(timeout, () -> {
            if (settled.compareAndSet(false, true)) {
                expire(session, done);
            }
        });
        done.whenComplete((ignored, error) -> {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel(false);
                if (error != null) {
                    GuardLog.debug(session + ": the SDK's close ended with " + error);
                }
                teardown.afterClose(graceful);
                session.closed().complete(true);
            }
        });
    }

    /** The close timeout passed with the SDK's close unfinished. */
    private void expire(GuardedSession session, CompletableFuture<?> sdkDone) {
        Teardown teardown = session.teardown();
        if (!terminate) {
            GuardLog.warn(session + " did not close within " + Durations.format(timeout)
                    + "; it is left as it is because mcp.guard.termination.enabled=false");
            session.closed().complete(false);
            return;
        }
        sdkDone.cancel(true);
        String what = teardown.forceRelease();
        GuardCounters.increment("terminations.forced");
        GuardLog.warn(session + " did not close within " + Durations.format(timeout) + "; mcp-guard "
                + (what != null ? what : "abandoned its close"));
        teardown.released()
                .orTimeout(TERMINATION_MARGIN.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> {
                    teardown.afterClose(true);
                    session.closed().complete(error == null);
                });
    }

    private static Object invoke(Object target, String method) throws Throwable {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
