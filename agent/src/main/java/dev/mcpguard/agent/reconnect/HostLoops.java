package dev.mcpguard.agent.reconnect;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.bootstrap.GuardCounters;
import dev.mcpguard.bootstrap.HostLoopHooks;
import java.util.HashMap;
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
        Verdict verdict = classifier.classify(thrown, registry.readySessionTornDownSince(attemptStartedNanos), null);
        if (!verdict.artifact()) {
            streaks.get().remove(method);
            GuardCounters.increment("failures.real");
            GuardLog.debug(method + " failed for real (" + verdict.reason() + "); the host counts it");
            return false;
        }
        if (registry.ownReadySessionTornDownSince(attemptStartedNanos)) {
            // The attempt reached a ready session of its own before it was torn down: progress, not a spin.
            streaks.get().remove(method);
        }
        int streak = streaks.get().merge(method, 1, Integer::sum);
        if (streak > maxArtifactStreak) {
            streaks.get().remove(method);
            GuardCounters.increment("failures.artifact-streak");
            GuardLog.debug(method + ": more than " + maxArtifactStreak
                    + " teardown artifacts in a row; this one reaches the host as a failure");
            return false;
        }
        GuardCounters.increment("artifacts.suppressed." + verdict.reason());
        GuardLog.debug(method + " failed with a teardown artifact (" + verdict.reason() + "); running it again ("
                + streak + " in a row)");
        return backOff(streak);
    }

    @Override
    public void succeeded(String method) {
        streaks.get().remove(method);
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
