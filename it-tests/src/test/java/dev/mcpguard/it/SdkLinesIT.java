package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static dev.mcpguard.it.harness.GuardAssertions.stderrContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcpguard.it.app.CloseOnReactorThread;
import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default build's smoke of the other supported SDK lines (0.18.x, 1.x, 2.0.x at their newest versions, from
 * it-tests/sdks): on each, over stdio, a well-behaved session is unchanged and guarded, and one close defect (R1) shows
 * without the agent and is fixed with it. The full suite on every line and JDK is {@code -Pmatrix}.
 */
class SdkLinesIT {


    static Stream<String> otherSdks() {
        List<String> versions = ItPaths.otherSdkVersions();
        if (versions.isEmpty()) {
            throw new IllegalStateException("no other SDK lines configured (mcpguard.it.sdk.classpaths)");
        }
        return versions.stream();
    }

    @BeforeEach
    void notInAMatrixRun() {
        // A matrix run (-Pmatrix) runs the whole suite on each line; this smoke would only repeat part of it.
        assumeFalse(ItPaths.selectedSdk().isPresent(), "the matrix run covers every SDK line in full");
    }

    @ParameterizedTest(name = "SDK {0}")
    @MethodSource("otherSdks")
    void openCallCloseIsUnchangedAndGuarded(String sdk) {
        String[] args = {"stdio", EverythingServer.stdioTarget()};
        JvmResult baseline = ForkedJvm.app(OpenCallClose.class, args).classpath(Classpaths.withSdk(sdk)).withoutAgent().run();
        JvmResult guarded = ForkedJvm.app(OpenCallClose.class, args).classpath(Classpaths.withSdk(sdk)).withAgent().run();

        assertClean(baseline);
        assertEquals("ok", baseline.report().get("echo"), baseline::describe);
        assertEquals("true", baseline.report().get("closed"), baseline::describe);

        assertCleanWithAgent(guarded);
        ScenarioReport report = guarded.report();
        assertEquals("ok", report.get("echo"), guarded::describe);
        assertEquals("true", report.get("closed"), guarded::describe);
        assertEquals(1, report.getLong("sessionsOpened"), guarded::describe);
        assertEquals(1, report.getLong("sessionsClosed"), guarded::describe);
        // The agent saw this SDK and wove it, not the build's.
        assertTrue(stderrContains(guarded, "sdk: io.modelcontextprotocol.sdk:mcp-core " + sdk + " "),
                () -> "banner names SDK " + sdk + "\n" + guarded.describe());
    }

    /** R1 on this line: sync {@code closeGracefully()} on {@code parallel-N}. */
    @ParameterizedTest(name = "SDK {0}")
    @MethodSource("otherSdks")
    void closeOnAReactorThreadIsFixed(String sdk) {
        String[] args = {"stdio", EverythingServer.stdioTarget()};
        JvmResult baseline = Forks.baseline(CloseOnReactorThread.class, args).classpath(Classpaths.withSdk(sdk)).run();
        JvmResult guarded = Forks.guarded(CloseOnReactorThread.class, args).classpath(Classpaths.withSdk(sdk)).run();
        try {
            ReactorThreadClose.assertSdkDefect(baseline);
            ReactorThreadClose.assertFixed(guarded);
            assertWithinCloseBound(guarded, "serverGoneMs");
        } finally {
            Leftovers.killReportedChildren(baseline);
        }
    }
}
