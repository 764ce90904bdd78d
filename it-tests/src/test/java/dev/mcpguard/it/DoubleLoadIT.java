package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A second start of the agent in the same JVM does nothing but say so. */
class DoubleLoadIT {

    private static final String ALREADY_RUNNING =
            "mcp-guard is already running in this JVM (started by premain); this start (premain) does nothing";

    @Test
    void secondJavaagentPrintsOneLineAndChangesNothing() {
        JvmResult once = ForkedJvm.app(OpenCallClose.class, "stdio", EverythingServer.stdioTarget())
                .withAgent().run();
        JvmResult twice = ForkedJvm.app(OpenCallClose.class, "stdio", EverythingServer.stdioTarget())
                .jvmArg("-javaagent:" + ItPaths.agentJar()).withAgent().run();
        AgentLog log = twice.agentLog();

        assertEquals(1, log.bannerStarts().size(), twice::describe);
        List<AgentLog.Line> alreadyRunning = log.matching("INFO", "already running");
        assertEquals(1, alreadyRunning.size(), twice::describe);
        assertEquals(ALREADY_RUNNING, alreadyRunning.get(0).message(), twice::describe);

        assertCleanWithAgent(once);
        assertCleanWithAgent(twice);
        // Instrumenting twice would count each session twice.
        String[] outcome = {"tools", "echo", "closed", "sessionsOpened", "sessionsClosed"};
        assertEquals(once.report().select(outcome), twice.report().select(outcome), twice::describe);
    }
}
