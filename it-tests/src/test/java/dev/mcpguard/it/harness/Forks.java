package dev.mcpguard.it.harness;

import dev.mcpguard.agent.ownership.CloseMarshaller;
import java.time.Duration;

/**
 * The two runs of a defect test: the recorded baseline without the agent, which must show the SDK's defect, and
 * the run with the agent, which must show the fix. A baseline that leaks on purpose settles and exits on short
 * limits, so a JVM that cannot exit costs seconds, not minutes.
 */
public final class Forks {

    /** The close timeout the agent runs with in these tests. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    public static final String AGENT_ARGS = "close-timeout=" + CLOSE_TIMEOUT.toSeconds() + "s";
    /**
     * What a close may take with the agent, measured inside the scenario: close-timeout plus the second a forced
     * termination gets. A functional bound, not a benchmark.
     */
    public static final long CLOSE_BOUND_MILLIS = CLOSE_TIMEOUT.plus(CloseMarshaller.TERMINATION_MARGIN).toMillis();

    private static final String BASELINE_SETTLE_MILLIS = "3000";
    private static final Duration BASELINE_EXIT_AFTER_REPORT = Duration.ofSeconds(5);

    private Forks() {
    }

    /** Without the agent; leftovers get 3 s to go away and the JVM 5 s to exit after its report. */
    public static ForkedJvm baseline(Class<?> app, String... args) {
        return ForkedJvm.app(app, args)
                .withoutAgent()
                .sysProp("mcpguard.it.settleMillis", BASELINE_SETTLE_MILLIS)
                .exitAfterReport(BASELINE_EXIT_AFTER_REPORT);
    }

    /** With {@code -javaagent:mcp-guard.jar=close-timeout=2s}. */
    public static ForkedJvm guarded(Class<?> app, String... args) {
        return ForkedJvm.app(app, args).withAgent(AGENT_ARGS);
    }
}
