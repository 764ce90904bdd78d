package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.TeardownBegan;
import dev.mcpguard.bootstrap.GuardCounters;
import dev.mcpguard.bootstrap.HostLoopHooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides for the host's declared reconnect attempts: an attempt that failed only with teardown artifacts, while a
 * ready session was being torn down during it, is run again instead of reaching the host's failure counter. A real
 * failure goes through unchanged, so the host's own budget still works and it still gives up on a dead server. A
 * run of artifacts backs off a little each time, and one past the streak limit counts as real, so nothing spins;
 * an attempt whose own session got ready before it was torn down made progress and starts a new run.
 */
public final class HostLoops implements HostLoopHooks.Listener {

    private final ArtifactClassifier classifier;
    private final SessionRegistry registry;
    private final int maxArtifactStreak;
    /** Per thread, per method: a loop body runs on its loop's thread, and two loops must not share a streak. */
    private final ThreadLocal<Map<String, Integer>> streaks = ThreadLocal.withInitial(HashMap::new);

    public HostLoops(ArtifactClassifier classifier, SessionRegistry registry, int maxArtifactStreak) {
        this.classifier = classifier;
        this.registry = registry;
        this.maxArtifactStreak = maxArtifactStreak;
    }

    @Override
    public boolean retry(String method, Throwable thrown, long attemptStartedNanos) {
        Thread thread = Thread.currentThread();
        List<GuardedSession> sessions = registry.sessionsOfAttempt(thread, attemptStartedNanos);
        Verdict verdict = classifier.classify(thrown, tornDownByAnother(sessions, thread, attemptStartedNanos), null);
        if (!verdict.artifact()) {
            streaks.get().remove(method);
            GuardCounters.increment(GuardCounters.FAILURES_REAL);
            GuardLog.debug(method + " failed for real (" + verdict.reason() + "); the host counts it");
            return false;
        }
        if (reachedReadySession(sessions, attemptStartedNanos)) {
            // The attempt reached a ready session of its own before it was torn down: progress, not a spin.
            streaks.get().remove(method);
        }
        int streak = streaks.get().merge(method, 1, Integer::sum);
        if (streak > maxArtifactStreak) {
            streaks.get().remove(method);
            GuardCounters.increment(GuardCounters.FAILURES_ARTIFACT_STREAK);
            GuardLog.debug(method + ": more than " + maxArtifactStreak
                    + " teardown artifacts in a row; this one reaches the host as a failure");
            return false;
        }
        GuardCounters.increment(GuardCounters.ARTIFACTS_SUPPRESSED + verdict.reason());
        GuardLog.debug(method + " failed with a teardown artifact (" + verdict.reason() + "); running it again ("
                + streak + " in a row)");
        return backOff(streak);
    }

    @Override
    public void succeeded(String method) {
        streaks.get().remove(method);
    }

    /**
     * Whether a ready session of the attempt was being torn down at another thread's request. The attempt's own
     * thread closing its session (the host's {@code finally { client.close(); }}) comes after whatever the attempt
     * threw, so it makes nothing an artifact; what such a close itself produces carries its own evidence (the
     * classifier sees that it was made inside the agent's close).
     */
    private static boolean tornDownByAnother(List<GuardedSession> sessions, Thread thread, long attemptStartedNanos) {
        for (GuardedSession session : sessions) {
            TeardownBegan teardown = session.teardownBegan();
            if (teardown != null && teardown.wasReady() && !teardown.requestedBy(thread)
                    && teardown.nanos() - attemptStartedNanos >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the attempt opened a session that got ready before it was torn down: progress, not a spin. */
    private static boolean reachedReadySession(List<GuardedSession> sessions, long attemptStartedNanos) {
        for (GuardedSession session : sessions) {
            TeardownBegan teardown = session.teardownBegan();
            if (teardown != null && teardown.wasReady() && session.openedAtNanos() - attemptStartedNanos >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Waits a little more per artifact in a row; an interrupt ends the wait and the retry, as it should. */
    private static boolean backOff(int streak) {
        long millis = ArtifactBackoff.after(streak).toMillis();
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
