package dev.mcpguard.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks every integration test shares; each message carries the JVM's full output. */
public final class GuardAssertions {

    private GuardAssertions() {
    }

    /**
     * The JVM exited by itself, holding no non-daemon thread besides main and no child process,
     * and no child it ever reported outlived it (a child reparented to init is a leak too).
     */
    public static void assertNoLeaks(JvmResult result) {
        assertNothingLeftAtTheEnd(result);
        assertNoChildOutlivedTheJvm(result);
    }

    private static void assertNothingLeftAtTheEnd(JvmResult result) {
        if (!result.exitedByItself()) {
            fail("the JVM did not exit by itself (killed: " + result.killedPids() + ")\n" + result.describe());
        }
        ScenarioReport report = result.report();
        assertEquals(List.of(), report.list("leakedThreads"), () -> "non-daemon threads left\n" + result.describe());
        assertEquals(List.of(), report.list("liveChildren"), () -> "child processes left\n" + result.describe());
        assertEquals(List.of(), report.list("transportThreads"), () -> "stdio transport threads left\n" + result.describe());
    }

    /**
     * No child the JVM reported (seen during the scenario or alive at its end) is alive after the JVM ended;
     * for scenarios that leave their server to the JVM's exit, where {@code liveChildren} is not empty.
     */
    public static void assertNoChildOutlivedTheJvm(JvmResult result) {
        ScenarioReport report = result.report();
        Set<String> reported = new LinkedHashSet<>(report.list("children"));
        reported.addAll(report.list("liveChildren"));
        List<Long> survivors = reported.stream()
                .map(Long::parseLong)
                .map(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(p -> ProcessTrees.running(p) && startedBeforeJvmEnded(p, result))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
        assertEquals(List.of(), survivors, () -> "children outlived the JVM\n" + result.describe());
    }

    /** A duration the scenario measured ({@code key}, in ms) is within close-timeout + 1 s ({@link Forks#CLOSE_BOUND_MILLIS}). */
    public static void assertWithinCloseBound(JvmResult result, String key) {
        long millis = result.report().getLong(key);
        assertTrue(millis >= 0 && millis <= Forks.CLOSE_BOUND_MILLIS,
                () -> key + "=" + millis + " ms, expected 0.." + Forks.CLOSE_BOUND_MILLIS + "\n" + result.describe());
    }

    /** Some stderr line (the SDK's log, a stack trace) contains {@code text}. */
    public static boolean stderrContains(JvmResult result, String text) {
        return result.stderr().stream().anyMatch(line -> line.contains(text));
    }

    /** The agent was active (its bootstrap API answers) and its advice suppressed nothing. */
    public static void assertNoAdviceErrors(JvmResult result) {
        assertEquals(0, result.report().getLong("adviceErrors"),
                () -> "advice errors (-1: agent bootstrap classes absent)\n" + result.describe());
    }

    /** For a JVM where the agent may have disabled itself: if its bootstrap API is there, it counted no errors. */
    public static void assertNoAdviceErrorsIfLoaded(JvmResult result) {
        long errors = result.report().getLong("adviceErrors");
        assertTrue(errors == 0 || errors == -1, () -> "advice errors: " + errors + "\n" + result.describe());
    }

    /** Exit code 0 and the scenario threw nothing. */
    public static void assertSucceeded(JvmResult result) {
        assertEquals(Integer.valueOf(0), result.exitCode(), () -> "exit code\n" + result.describe());
        assertFalse(result.report().find("failure").isPresent(), () -> "the scenario failed\n" + result.describe());
    }

    /** Succeeded without leaks: what every well-behaved scenario must show with or without the agent. */
    public static void assertClean(JvmResult result) {
        assertNoLeaks(result);
        assertSucceeded(result);
    }

    /** Clean, with the agent active and without advice errors. */
    public static void assertCleanWithAgent(JvmResult result) {
        assertClean(result);
        assertNoAdviceErrors(result);
    }

    /**
     * {@link #assertCleanWithAgent} for a JVM that was pid 1 of a PID namespace of its own ({@link Namespaces}): the
     * pids it reported are that namespace's, and no process of it can outlive it, the kernel ends them all with it.
     */
    public static void assertCleanWithAgentInItsOwnPidNamespace(JvmResult result) {
        assertNothingLeftAtTheEnd(result);
        assertSucceeded(result);
        assertNoAdviceErrors(result);
    }

    private static boolean startedBeforeJvmEnded(ProcessHandle process, JvmResult result) {
        // A live pid that started after the JVM ended is a reused pid, not the child.
        return process.info().startInstant().map(start -> start.isBefore(result.endedAt())).orElse(true);
    }
}
