package dev.mcpguard.agent;

import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.InstrumentedLibrary;
import java.util.List;

/** Lets tests in other packages see the agent's list of instrumentations. */
public final class AgentStarterAccess {

    private AgentStarterAccess() {
    }

    public static InstrumentedLibrary sdk() {
        return AgentStarter.SDK;
    }

    public static List<ClassInstrumentation> instrumentations() {
        return AgentStarter.SDK.instrumentations();
    }
}
