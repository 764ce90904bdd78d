package dev.mcpguard.agent;

import dev.mcpguard.agent.install.SdkInstrumentation;
import java.util.List;

/** Lets tests in other packages see the agent's list of instrumentations. */
public final class AgentStarterAccess {

    private AgentStarterAccess() {
    }

    public static List<SdkInstrumentation> instrumentations() {
        return AgentStarter.instrumentations();
    }
}
