package dev.mcpguard.agent.config;

/**
 * One thing wrong with the configuration, phrased so that the user can find and fix it: what (a key and its value,
 * or a malformed argument), where it came from, and what is wrong.
 */
public record Problem(String subject, Origin origin, String complaint) {

    static Problem of(String key, String value, Origin origin, String complaint) {
        return new Problem(key + " = '" + value + "'", origin, complaint);
    }

    @Override
    public String toString() {
        return subject + " from " + origin + ": " + complaint;
    }
}
