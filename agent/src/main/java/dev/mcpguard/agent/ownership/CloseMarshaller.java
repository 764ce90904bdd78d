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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a close goes. Whatever thread asks, the SDK's own close code runs on the session's owner, once; the asker
 * waits for it within the close timeout, or, where blocking is itself the defect, hands it over and returns. A
 * close that has not finished by the deadline is ended forcibly (when termination is enabled). What a close
 * reports is true only when the session is closed or was terminated.
 */
public final class CloseMarshaller {

    /** What a forced termination may take on top of the close timeout before the close is called failed. */
    public static final Duration TERMINATION_MARGIN = Duration.ofSeconds(1);

    private final SessionRegistry registry;
    private final Duration timeout;
    private final boolean terminate;
    private final boolean adoptUnknown;
    private final Timer timer;
    /** The client whose SDK close this owner thread is running right now: its advice lets that call through. */
    private final ThreadLocal<Object> passThrough = new ThreadLocal<>();

    /**
     * @param adoptUnknown whether a client the registry does not know (it opened before the agent was attached) is
     *     registered at its close and marshalled like any other; false when session tracking is switched off
     */
    public CloseMarshaller(SessionRegistry registry, Duration timeout, boolean terminate, boolean adoptUnknown,
            Timer timer) {
        this.registry = registry;
        this.timeout = timeout;
        this.terminate = terminate;
        this.adoptUnknown = adoptUnknown;
        this.timer = timer;
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

    /**
     * {@code McpAsyncClient.closeGracefully()}: a Mono that, when subscribed, closes on the owner and completes when
     * the session is closed or was terminated, failing when it is neither. Composed into a chain it blocks nothing,
     * whatever the thread. Only a caller that blocks on it right where blocking is the defect (the transport's own
     * thread, which the close interrupts; an owner thread) gets it completed at once, the close handed over.
     */
    public Object closeGracefully(Object client) {
        GuardedSession session = ours(client);
        if (session == null) {
            return null;
        }
        Reactor reactor = Reactor.of(client);
        return reactor.defer(() -> {
            CompletableFuture<Boolean> closed = begin(session, true);
            if (Waiting.mustNotWait(client) && Waiting.blockedOnHere()) {
                GuardCounters.increment("closes.handed-over");
                return reactor.empty();
            }
            return reactor.fromFuture(closed.thenCompose(released -> released
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException(session + " could not be closed"))));
        });
    }

    /**
     * {@code McpSyncClient.closeGracefully()}: true when closed or terminated, false when neither. Where blocking is
     * itself the defect, the close is handed over and the answer is true at once (the one documented exception).
     */
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
            new Closing(session, graceful).start();
        }
        return session.closed();
    }

    /** One close of one session, from its request to its outcome. */
    private final class Closing {
        private final GuardedSession session;
        private final boolean graceful;
        private final Teardown teardown;
        private final AtomicBoolean settled = new AtomicBoolean();
        private ScheduledFuture<?> deadline;
        /** The owner thread while it is inside the SDK's close call, else null. */
        private volatile Thread inSdkClose;
        private volatile CompletableFuture<?> sdkDone;

        Closing(GuardedSession session, boolean graceful) {
            this.session = session;
            this.graceful = graceful;
            this.teardown = session.teardown();
        }

        /** The deadline runs from the request, not from when the owner gets to it: a stuck owner cannot stop it. */
        void start() {
            deadline = timer.after(timeout, this::expire);
            session.owner().execute(this::runOnOwner);
        }

        private void runOnOwner() {
            Object client = session.client();
            CompletableFuture<?> done;
            try {
                teardown.beforeClose();
                if (client == null) {
                    done = teardown.released();
                } else {
                    done = invokeSdkClose(client);
                }
            } catch (Throwable t) {
                done = CompletableFuture.failedFuture(t);
            }
            sdkDone = done;
            session.sdkCloseInvoked().complete(null);
            done.whenComplete((ignored, error) -> sdkCloseEnded(error));
        }

        private CompletableFuture<?> invokeSdkClose(Object client) throws Throwable {
            inSdkClose = Thread.currentThread();
            passThrough.set(client);
            try {
                if (graceful) {
                    return Reactor.of(client).toFuture(invoke(client, "closeGracefully"));
                }
                invoke(client, "close");
                return teardown.released();
            } finally {
                passThrough.remove();
                inSdkClose = null;
            }
        }

        private void sdkCloseEnded(Throwable error) {
            if (!settled.compareAndSet(false, true)) {
                if (error == null) {
                    // A close the deadline gave up on finished after all: let nothing it left behind stay.
                    teardown.afterClose(graceful);
                }
                return;
            }
            deadline.cancel(false);
            if (error == null) {
                teardown.afterClose(graceful);
                settle(true);
                return;
            }
            GuardLog.debug(session + ": the SDK's close ended with " + error);
            if (!terminate) {
                settle(false);
                return;
            }
            // Whether the session is closed now is known only once what it holds has been ended.
            String what = teardown.forceRelease();
            GuardLog.debug(session + ": after its failed close, mcp-guard "
                    + (what != null ? what : "found nothing it could end"));
            awaitRelease(what);
        }

        /** The close timeout passed with the SDK's close unfinished, or not even begun. */
        private void expire() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            Thread stuck = inSdkClose;
            if (stuck != null) {
                session.owner().abandon(stuck, session.toString());
            }
            if (!terminate) {
                GuardLog.warn(session + " did not close within " + Durations.format(timeout)
                        + "; it is left as it is because mcp.guard.termination.enabled=false");
                settle(false);
                return;
            }
            String what = teardown.forceRelease();
            GuardCounters.increment("terminations.forced");
            GuardLog.warn(session + " did not close within " + Durations.format(timeout) + "; mcp-guard "
                    + (what != null ? what : "could not end it (nothing of it can be ended from outside) and "
                            + "leaves its close running"));
            if (what != null) {
                CompletableFuture<?> done = sdkDone;
                if (done != null) {
                    done.cancel(true);
                }
            }
            awaitRelease(what);
        }

        /** After a forced end: closed if what the session held is gone within the margin. */
        private void awaitRelease(String forced) {
            if (forced == null) {
                settle(false);
                return;
            }
            teardown.released()
                    .orTimeout(TERMINATION_MARGIN.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, error) -> {
                        teardown.afterClose(true);
                        settle(error == null);
                    });
        }

        private void settle(boolean closed) {
            session.sdkCloseInvoked().complete(null);
            session.closed().complete(closed);
        }
    }

    private static Object invoke(Object target, String method) throws Throwable {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
