package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.config.Durations;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.ClientHandle;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.Teardown;
import dev.mcpguard.bootstrap.GuardCounters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a close goes. Whatever thread asks, the library's own close code runs on the session's owner, once; the
 * asker waits for it within the close timeout, or, where waiting is itself the defect, hands it over and returns.
 * The deadline runs from the request; a close that has not finished by then is ended forcibly (when termination is
 * enabled). What a close reports is true only when the session is closed or was terminated. This class knows
 * sessions, owners and teardowns, no client library: the library's package decides which of its calls are a close
 * and whether their caller may wait.
 */
public final class CloseMarshaller {

    /** What a forced termination may take on top of the close timeout before the close is called failed. */
    public static final Duration TERMINATION_MARGIN = Duration.ofSeconds(1);

    private final SessionRegistry registry;
    private final OwnerPool owners;
    private final Duration timeout;
    private final boolean terminate;
    private final Timer timer;

    public CloseMarshaller(SessionRegistry registry, OwnerPool owners, Duration timeout, boolean terminate,
            Timer timer) {
        this.registry = registry;
        this.owners = owners;
        this.timeout = timeout;
        this.terminate = terminate;
        this.timer = timer;
    }

    /**
     * The library's quick, non-blocking close: returns once the owner has run it, or at once when the caller may not
     * wait.
     */
    public void close(GuardedSession session, boolean callerMayWait) {
        begin(session, false);
        if (!callerMayWait || Waiting.onAgentThread()) {
            GuardCounters.increment(GuardCounters.CLOSES_HANDED_OVER);
        } else {
            Waiting.uninterruptibly(session.libraryCloseInvoked(), timeout);
        }
    }

    /**
     * The library's graceful close, for a caller that is told the outcome: true when the session is closed or was
     * terminated, false when it is neither. Never blocks.
     */
    public CompletableFuture<Boolean> closeGracefully(GuardedSession session) {
        return begin(session, true);
    }

    /**
     * The library's graceful close, for a caller that blocks for the outcome: true when closed or terminated, false
     * when neither. Where waiting is itself the defect, the close is handed over and the answer is true at once (the
     * one documented exception).
     */
    public boolean closeGracefullyAndWait(GuardedSession session, boolean callerMayWait) {
        CompletableFuture<Boolean> closed = begin(session, true);
        if (!callerMayWait || Waiting.onAgentThread()) {
            GuardCounters.increment(GuardCounters.CLOSES_HANDED_OVER);
            return true;
        }
        Boolean released = Waiting.uninterruptibly(closed, timeout.plus(TERMINATION_MARGIN).plusSeconds(1));
        return released != null && released;
    }

    /** Whether a caller on this thread must not wait for a close whatever the library: it is one of the agent's. */
    public static boolean onAgentThread() {
        return Waiting.onAgentThread();
    }

    /** Begins closing the session now (the shutdown hook's path); joins a close already under way. */
    public CompletableFuture<Boolean> closeNow(GuardedSession session) {
        return begin(session, true);
    }

    private CompletableFuture<Boolean> begin(GuardedSession session, boolean graceful) {
        if (session.beginClose()) {
            registry.closing(session);
            GuardCounters.increment(GuardCounters.CLOSES_MARSHALLED);
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
        private final Owner owner;
        /** The owner thread while it is inside the library's close call, else null. */
        private volatile Thread inLibraryClose;
        private volatile CompletableFuture<?> libraryDone;

        Closing(GuardedSession session, boolean graceful) {
            this.session = session;
            this.graceful = graceful;
            this.teardown = session.teardown();
            this.owner = owners.ownerOf(session);
        }

        /** The deadline runs from the request, not from when the owner gets to it: a stuck owner cannot stop it. */
        void start() {
            deadline = timer.after(timeout, this::expire);
            owner.execute(this::runOnOwner);
        }

        private void runOnOwner() {
            ClientHandle client = session.client();
            CompletableFuture<?> done;
            try {
                teardown.beforeClose();
                done = client.isGone() ? teardown.released() : invokeLibraryClose(client);
            } catch (Throwable t) {
                done = CompletableFuture.failedFuture(t);
            }
            libraryDone = done;
            session.libraryCloseInvoked().complete(null);
            done.whenComplete((ignored, error) -> libraryCloseEnded(error));
        }

        private CompletableFuture<?> invokeLibraryClose(ClientHandle client) throws Exception {
            inLibraryClose = Thread.currentThread();
            try {
                if (graceful) {
                    return client.closeGracefully();
                }
                client.close();
                return teardown.released();
            } finally {
                inLibraryClose = null;
            }
        }

        private void libraryCloseEnded(Throwable error) {
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
            GuardLog.debug(session + ": the library's close ended with " + error);
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

        /** The close timeout passed with the library's close unfinished, or not even begun. */
        private void expire() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            Thread stuck = inLibraryClose;
            if (stuck != null) {
                owner.abandon(stuck, session.toString());
            }
            if (!terminate) {
                GuardLog.warn(session + " did not close within " + Durations.format(timeout)
                        + "; it is left as it is because mcp.guard.termination.enabled=false");
                settle(false);
                return;
            }
            String what = teardown.forceRelease();
            GuardCounters.increment(GuardCounters.TERMINATIONS_FORCED);
            GuardLog.warn(session + " did not close within " + Durations.format(timeout) + "; mcp-guard "
                    + (what != null ? what : "could not end it (nothing of it can be ended from outside) and "
                            + "leaves its close running"));
            if (what != null) {
                CompletableFuture<?> done = libraryDone;
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
            session.libraryCloseInvoked().complete(null);
            session.closed().complete(closed);
        }
    }
}
