package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.InstrumentedLibrary;
import dev.mcpguard.agent.install.MavenArtifact;
import java.util.List;

/** Google ADK for Java's MCP tools as an instrumented library: its version per class loader, its instrumentations. */
public final class GoogleAdk implements InstrumentedLibrary {

    private static final String PROBE_CLASS = Adk.TOOLSET.replace('.', '/') + ".class";

    @Override
    public String name() {
        return "Google ADK";
    }

    @Override
    public String bannerKey() {
        return "adk";
    }

    @Override
    public String packagePrefix() {
        return Adk.PACKAGE;
    }

    @Override
    public boolean visibleTo(ClassLoader loader) {
        return loader != null && loader.getResource(PROBE_CLASS) != null;
    }

    @Override
    public String describe(ClassLoader loader) {
        String found = MavenArtifact.describe(loader, PROBE_CLASS, Adk.MAVEN_GROUP, Adk.MAVEN_ARTIFACT);
        return found != null ? found : Adk.MAVEN_GROUP + ":" + Adk.MAVEN_ARTIFACT + " of unknown version";
    }

    @Override
    public List<ClassInstrumentation> instrumentations() {
        return List.of(McpToolsetClose.sync(), McpToolsetClose.async(), new McpSessionManagerSessions(),
                McpToolSessionReplacement.sync(), McpToolSessionReplacement.async(), McpToolRetries.sync(),
                McpToolRetries.async());
    }
}
