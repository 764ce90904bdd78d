package dev.mcpguard.agent.config;

/**
 * One thing wrong with the configuration, phrased so that the user can find and fix it: what (a key and its value,
 * or a malformed argument), where it came from, and what is wrong. A value is shown only for a key mcp-guard knows:
 * what sits under an unknown key may be a secret of something else, and is never repeated.
 */
public record Problem(String subject, Origin origin, String complaint) {

    static Problem of(Setting<?> setting, String value, Origin origin, String complaint) {
        return new Problem(setting.key() + " = '" + value + "'", origin, complaint);
    }

    static Problem unknownKey(String key, Origin origin, String complaint) {
        return new Problem(key, origin, complaint);
    }

    @Override
    public String toString() {
        return subject + " from " + origin + ": " + complaint;
    }
}
