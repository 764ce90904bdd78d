package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoLeaks;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.LeakyHost;
import dev.mcpguard.it.app.PlainHost;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.JvmResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: leaks that the agent tests rely on it to catch are caught. No agent involved. */
class LeakDetectionIT {

    private static ForkedJvm leaky(String what) {
        return ForkedJvm.app(LeakyHost.class, what)
                .classpath(Classpaths.withoutSdk())
                .sysProp("mcpguard.it.settleMillis", "500")
                .exitAfterReport(Duration.ofSeconds(5));
    }

    @Test
    void aCleanHostPasses() {
        JvmResult result = ForkedJvm.app(PlainHost.class).classpath(Classpaths.withoutSdk()).run();
        assertDoesNotThrow(() -> assertNoLeaks(result), result::describe);
    }

    @Test
    void aNonDaemonThreadIsReportedAndTheJvmThatCannotExitIsKilled() {
        JvmResult result = leaky("thread").run();

        assertEquals(List.of("leaky-thread"), result.report().list("leakedThreads"), result::describe);
        assertFalse(result.exitedByItself(), result::describe);
        assertTrue(result.killedPids().contains(result.pid()), result::describe);
        assertFalse(ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive).orElse(false), "the JVM is gone");
        AssertionError failure = assertThrows(AssertionError.class, () -> assertNoLeaks(result));
        assertTrue(failure.getMessage().contains("did not exit"), failure::getMessage);
    }

    @Test
    void aChildProcessThatOutlivesTheJvmIsReported() {
        JvmResult result = leaky("child").run();
        long child = result.report().getLong("leakedChild");
        try {
            assertTrue(result.exitedByItself(), result::describe);
            assertEquals(List.of(Long.toString(child)), result.report().list("liveChildren"), result::describe);
            assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the orphan lives on");
            AssertionError failure = assertThrows(AssertionError.class, () -> assertNoLeaks(result));
            assertTrue(failure.getMessage().contains("child processes left"), failure::getMessage);
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
