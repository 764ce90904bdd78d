package dev.mcpguard.agent.reconnect;

import java.time.Duration;

/**
 * The short wait after a teardown artifact: artifacts consume no budget, but a run of them must still yield, a
 * little more each time, so that no loop spins.
 */
final class ArtifactBackoff {

    private static final Duration STEP = Duration.ofMillis(50);
    private static final Duration MAX = Duration.ofSeconds(1);

    private ArtifactBackoff() {
    }

    /** The wait after the {@code streak}-th artifact in a row. */
    static Duration after(int streak) {
        return Duration.ofMillis(Math.min(MAX.toMillis(), STEP.toMillis() * streak));
    }
}
