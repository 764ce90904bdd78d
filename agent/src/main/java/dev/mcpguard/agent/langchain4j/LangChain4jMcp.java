package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.artifacts.Signature;
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

    /**
     * What a healthy {@code DefaultMcpClient}'s close throws into its requests (read in the sources of 1.6 to 1.18;
     * LangChain4j rethrows each wrapped in {@code RuntimeException(ExecutionException)}, which the classifier sees
     * through).
     */
    @Override
    public List<Signature> teardownArtifacts() {
        return List.of(
                // Requests in flight when the closed transport's server process ends (1.18 fails them itself).
                new Signature("transport-failed", "java.lang.IllegalStateException",
                        "Operation cancelled due to transport failure", Signature.ALL_LINES),
                // Requests on a stdio transport whose process the close ended.
                new Signature("process-not-alive", "java.lang.IllegalStateException", "Process is not alive",
                        Signature.ALL_LINES),
                // Requests on a client whose close ran.
                new Signature("client-closed-itself", "java.lang.IllegalStateException", "The client is closed",
                        Signature.ALL_LINES));
    }
}
