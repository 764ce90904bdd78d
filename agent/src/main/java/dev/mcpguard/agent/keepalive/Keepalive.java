package dev.mcpguard.agent.keepalive;

import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.Timer;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.bootstrap.GuardCounters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Pings idle sessions, as the MCP specification suggests: a proxy or load balancer in front of a remote server cuts a
 * connection that stays quiet for tens of seconds, and the session dies with it although both ends are healthy. Each
 * ready session is pinged once per interval (with jitter, so that many sessions do not ping together) unless it has
 * requests in flight. A ping that fails or goes unanswered for a whole interval is a real failure of the server's
 * connection, counted by its reconnect budget; one that succeeds is a success. Keepalive never opens a session: a
 * session that is not ready (closed, healing, never initialized) is not pinged.
 */
public final class Keepalive {

    private final SessionRegistry registry;
    private final Budgets budgets;
    private final Timer timer;
    private final Duration interval;
    private final WeakIdentityMap<Long> nextPingNanos = new WeakIdentityMap<>();

    private Keepalive(SessionRegistry registry, Budgets budgets, Timer timer, Duration interval) {
        this.registry = registry;
        this.budgets = budgets;
        this.timer = timer;
        this.interval = interval;
    }

    /** Starts pinging the registry's sessions every {@code interval}. */
    public static Keepalive start(SessionRegistry registry, Budgets budgets, Timer timer, Duration interval) {
        Keepalive keepalive = new Keepalive(registry, budgets, timer, interval);
        keepalive.scheduleSweep();
        return keepalive;
    }

    /** A sweep a few times per interval finds each session close to its own due time. */
    private void scheduleSweep() {
        Duration step = interval.dividedBy(4);
        timer.after(step.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : step, () -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                GuardLog.debug("keepalive sweep failed", e);
            } finally {
                scheduleSweep();
            }
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        for (GuardedSession session : registry.live()) {
            Long due = nextPingNanos.get(session);
            if (due == null) {
                nextPingNanos.put(session, now + jittered());
            } else if (now - due >= 0) {
                nextPingNanos.put(session, now + jittered());
                if (!session.closeBegan() && session.client().isReady() && !session.client().isBusy()) {
                    ping(session);
                }
            }
        }
    }

    private void ping(GuardedSession session) {
        // A ping is a call too: one that fails to connect is counted once, by whichever sees the failure first.
        long started = budgets.of(session).now();
        CompletableFuture<?> pong;
        try {
            pong = session.client().ping();
        } catch (Exception e) {
            pong = CompletableFuture.failedFuture(e);
        }
        if (pong == null) {
            return;
        }
        long sent = System.nanoTime();
        pong.orTimeout(interval.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ignored, failure) -> {
            if (session.closeBegan()) {
                return;
            }
            if (failure == null) {
                GuardCounters.increment(GuardCounters.KEEPALIVE_PINGS);
                budgets.of(session).succeeded();
                GuardLog.debug("keepalive: " + session + " answered a ping in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) + " ms");
            } else {
                GuardCounters.increment(GuardCounters.KEEPALIVE_FAILED);
                String reason = "keepalive ping of " + session + " at " + session.server() + " failed: " + failure;
                budgets.failed(session, new Verdict(false, reason), failure, started);
                GuardLog.debug(reason);
            }
        });
    }

    /** The interval, give or take a tenth. */
    private long jittered() {
        long nanos = interval.toNanos();
        return nanos - nanos / 10 + ThreadLocalRandom.current().nextLong(Math.max(1, nanos / 5));
    }
}
