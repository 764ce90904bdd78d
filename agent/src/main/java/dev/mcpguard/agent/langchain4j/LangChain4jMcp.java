package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.InstrumentedLibrary;
import dev.mcpguard.agent.install.MavenArtifact;
import java.util.List;

/** LangChain4j's own MCP client as an instrumented library: its version per class loader, and its instrumentations. */
public final class LangChain4jMcp implements InstrumentedLibrary {

    private static final String PROBE_CLASS = LangChain4j.CLIENT.replace('.', '/') + ".class";

    @Override
    public String name() {
        return "LangChain4j MCP client";
    }

    @Override
    public String bannerKey() {
        return "langchain4j";
    }

    @Override
    public String packagePrefix() {
        return LangChain4j.PACKAGE;
    }

    @Override
    public boolean visibleTo(ClassLoader loader) {
        return loader != null && loader.getResource(PROBE_CLASS) != null;
    }

    @Override
    public String describe(ClassLoader loader) {
        String found = MavenArtifact.describe(loader, PROBE_CLASS, LangChain4j.MAVEN_GROUP, LangChain4j.MAVEN_ARTIFACT);
        return found != null ? found
                : LangChain4j.MAVEN_GROUP + ":" + LangChain4j.MAVEN_ARTIFACT + " of unknown version";
    }

    /** Every LangChain4j instrumentation the agent has, grouped by the class it weaves. */
    @Override
    public List<ClassInstrumentation> instrumentations() {
        return List.of(
                new DefaultMcpClientSessions(),
                new DefaultMcpClientCloseMarshalling(),
                new DefaultMcpClientClosedGuard(),
                new DefaultMcpClientReconnectBudget(),
                new DefaultMcpClientLiveness(),
                new StdioMcpTransportServers());
    }
}
