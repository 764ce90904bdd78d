package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.config.Durations;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.GuardCounters;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * How often one session may try to (re-)connect. Real failures consume the budget and space the attempts by an
 * exponential backoff with jitter; {@code maxFailures} of them in a row open the circuit: attempts then fail fast,
 * naming the server and the last real failure, and one probe goes through per backoff (half-open). Artifacts never
 * consume the budget, but a run of them still waits a little, and one past the streak limit counts as real.
 * A success resets everything.
 */
public final class ReconnectBudget {

    private final String server;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxFailures;
    private final int maxArtifactStreak;
    private final LongSupplier clock;

    private int failures;
    private int artifactStreak;
    private long nextAttemptNanos;
    /** When the last failure counted; see failed(Verdict, long). */
    private long lastCountedNanos;
    private boolean waiting;
    /** Until then every attempt may go: the server was seen listening again, see listening(). */
    private long passUntilNanos;
    private boolean open;
    private String lastFailure;
    private Duration currentBackoff = Duration.ZERO;

    public ReconnectBudget(String server, Duration backoff, Duration maxBackoff, int maxFailures,
            int maxArtifactStreak, LongSupplier clock) {
        this.server = server;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.maxFailures = maxFailures;
        this.maxArtifactStreak = maxArtifactStreak;
        this.clock = clock;
        this.passUntilNanos = clock.getAsLong();
    }

    /** Null when an attempt may start now (and, with the circuit open, it is the probe); else why not. */
    public synchronized String refusal() {
        long wait = admit();
        return wait == 0 ? null : refused(wait);
    }

    /**
     * Zero when an attempt may start now (and, with the circuit open, it is the probe, which the caller must then
     * make); else the nanoseconds until one may, for a caller that would rather wait than be refused.
     */
    public synchronized long admit() {
        long now = clock.getAsLong();
        if (now - passUntilNanos < 0) {
            return 0;
        }
        if (!waiting || now - nextAttemptNanos >= 0) {
            if (open) {
                // Half-open: this attempt is the probe; the next one waits for its outcome or another backoff.
                waiting = true;
                nextAttemptNanos = now + currentBackoff.toNanos();
            }
            return 0;
        }
        return nextAttemptNanos - now;
    }

    /**
     * As {@link #refusal}, but only while the circuit is open: a call of a connected session goes as usual until its
     * server has failed {@code maxFailures} times in a row (a call refused sooner would be a failure the host did not
     * have without the agent), then fails fast but for one probe per backoff.
     */
    public synchronized String refusalIfOpen() {
        return open ? refusal() : null;
    }

    /** The budget's clock: when an attempt starts, for {@link #failed(Verdict, long)}. */
    public long now() {
        return clock.getAsLong();
    }

    /**
     * A failure of an attempt that started at {@code startedNanos} (from {@link #now}), made without asking the budget
     * (a call of a connected session, a keepalive ping). Such failures open the circuit but, until it is open, set no
     * wait: a call refused before then would be a failure the host did not have without the agent, and a
     * re-initialization once the server is back must not wait out a backoff that calls ran up (measured: 3.5 to 7 s
     * to recover after a 1 s restart, against 0.2 s without the agent). Calls in flight together when the server goes
     * away count once: a failure counts only for an attempt started after the last one counted. So a gateway calling
     * every 100 ms opens the circuit half a second into an outage, and then makes one attempt per backoff; if the
     * server had refused connections, its {@link ServerWatch} ends the wait as soon as it listens again.
     */
    public synchronized void failed(Verdict verdict, long startedNanos) {
        if (!open && failures > 0 && startedNanos - lastCountedNanos < 0) {
            return;
        }
        record(verdict, false);
    }

    /**
     * The server is listening again after refusing connections (see {@link ServerWatch}): attempts may go now instead
     * of at the end of the backoff, all of them for one base backoff or until one fails, not one probe: a probe whose
     * outcome never comes (a call the SDK dismisses as it replaces the session the restarted server no longer knows)
     * would hold the others back for the whole backoff.
     */
    public synchronized void listening() {
        if (failures > 0) {
            waiting = false;
            passUntilNanos = clock.getAsLong() + backoff.toNanos();
        }
    }

    /** Whether {@code maxFailures} real failures in a row opened the circuit, which no success has closed since. */
    public synchronized boolean circuitOpen() {
        return open;
    }

    /** Why an attempt that would have to wait {@code waitNanos} is refused; counted as a refusal. */
    public synchronized String refused(long waitNanos) {
        GuardCounters.increment(GuardCounters.ATTEMPTS_REFUSED);
        long waitMillis = Math.max(1, waitNanos / 1_000_000);
        return "MCP server " + server + " is unavailable: " + failures + " failure(s) in a row, the last: "
                + lastFailure + "; next attempt in " + waitMillis + "ms (mcp-guard reconnect budget"
                + (open ? ", circuit open" : "") + ")";
    }

    public synchronized void succeeded() {
        if (open) {
            GuardCounters.increment(GuardCounters.CIRCUITS_CLOSED);
            GuardLog.info("MCP server " + server + " is reachable again; its circuit is closed");
        }
        failures = 0;
        artifactStreak = 0;
        waiting = false;
        open = false;
        currentBackoff = Duration.ZERO;
    }

    public synchronized void failed(Verdict verdict) {
        record(verdict, true);
    }

    /** One failure; an attempt the budget admitted spaces the next ({@code spaces}), as does an open circuit. */
    private void record(Verdict verdict, boolean spaces) {
        long now = clock.getAsLong();
        if (verdict.artifact() && ++artifactStreak <= maxArtifactStreak) {
            // Nothing to wait for: the budget is the server's, shared by every session to it, and one session's
            // teardown must not refuse another's initialization (a refusal is an error to that host). A run of
            // artifacts is bounded by the streak, past which it counts as one real failure and backs off.
            GuardCounters.increment(GuardCounters.ARTIFACTS_SUPPRESSED + verdict.reason());
            return;
        }
        artifactStreak = 0;
        passUntilNanos = now;
        failures++;
        lastFailure = verdict.artifact() ? "more than " + maxArtifactStreak + " teardown artifacts in a row"
                : verdict.reason();
        GuardCounters.increment(GuardCounters.BUDGET_CONSUMED);
        currentBackoff = backoffAfter(failures);
        lastCountedNanos = now;
        if (failures >= maxFailures && !open) {
            open = true;
            GuardCounters.increment(GuardCounters.CIRCUITS_OPENED);
            GuardLog.warn("MCP server " + server + ": " + failures + " real failures in a row, the last: "
                    + lastFailure + "; circuit open, one attempt every " + Durations.format(currentBackoff));
        }
        if (spaces || open) {
            waitUntil(now, currentBackoff);
        }
    }

    private void waitUntil(long now, Duration wait) {
        waiting = true;
        nextAttemptNanos = now + wait.toNanos();
    }

    /** base * 2^(n-1), capped, times a jitter in [0.8, 1.2) so that many sessions do not retry in step. */
    private Duration backoffAfter(int failuresInARow) {
        double exponential = backoff.toMillis() * Math.pow(2, Math.min(30, failuresInARow - 1));
        double capped = Math.min(maxBackoff.toMillis(), exponential);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
