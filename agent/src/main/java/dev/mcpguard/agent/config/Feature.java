package dev.mcpguard.agent.config;

/**
 * What the agent does, one switch each ({@code mcp.guard.<name>.enabled}). A feature owns the SDK
 * instrumentations that serve it; turning it off leaves those SDK classes untouched.
 */
public enum Feature {
    SESSIONS("sessions", "tracks every MCP client session from open to close; the other features build on it");

    private final String name;
    private final String description;

    Feature(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String featureName() {
        return name;
    }

    public String description() {
        return description;
    }
}
