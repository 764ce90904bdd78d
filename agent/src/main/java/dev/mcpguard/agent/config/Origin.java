package dev.mcpguard.agent.config;

/** Where a configuration value came from, in words a user can act on. */
public record Origin(Kind kind, String detail) {

    /** The sources, highest precedence first. */
    public enum Kind {
        AGENT_ARGUMENTS("agent arguments"),
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT("environment variable"),
        FILE("file"),
        DEFAULT("default");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    public static final Origin AGENT_ARGUMENTS = new Origin(Kind.AGENT_ARGUMENTS, null);
    public static final Origin SYSTEM_PROPERTY = new Origin(Kind.SYSTEM_PROPERTY, null);
    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, null);

    public static Origin environment(String variable) {
        return new Origin(Kind.ENVIRONMENT, variable);
    }

    public static Origin file(String path) {
        return new Origin(Kind.FILE, path);
    }

    @Override
    public String toString() {
        return detail == null ? kind.words : kind.words + " " + detail;
    }
}
