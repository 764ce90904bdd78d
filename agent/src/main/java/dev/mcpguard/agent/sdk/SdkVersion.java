package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.install.MavenArtifact;

/** Names the SDK a class loader sees, e.g. {@code io.modelcontextprotocol.sdk:mcp-core 2.1.0}. */
public final class SdkVersion {

    static final String PROBE_CLASS = "io/modelcontextprotocol/client/McpAsyncClient.class";
    private static final String[] ARTIFACTS = {"mcp-core", "mcp"};

    private SdkVersion() {
    }

    /** True when {@code loader} can see the SDK's client classes. */
    public static boolean visibleTo(ClassLoader loader) {
        return loader != null && loader.getResource(PROBE_CLASS) != null;
    }

    /** A name for the SDK {@code loader} sees, or "an SDK of unknown version" when its metadata is missing. */
    public static String describe(ClassLoader loader) {
        String found = MavenArtifact.describe(loader, PROBE_CLASS, Sdk.MAVEN_GROUP, ARTIFACTS);
        return found != null ? found : "an SDK of unknown version";
    }
}
