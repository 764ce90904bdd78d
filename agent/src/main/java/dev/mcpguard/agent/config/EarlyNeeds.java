package dev.mcpguard.agent.config;

import java.util.Locale;
import java.util.Map;

/**
 * Whether the configuration may ask for something that premain must settle before the application runs: strict
 * mode (the JVM must not start on a configuration it cannot trust), a configuration file (which may ask for strict
 * mode), declared reconnect methods (host classes the transformer must know by name before they load). It is
 * asked before the configuration is read, so it only looks for the words, in every source, in any case: a false
 * "yes" costs the host the configuration's reading on its main thread, a false "no" would cost a guarantee.
 */
public final class EarlyNeeds {

    private static final String[] WORDS = {"strict", "config", "reconnect"};
    private static final String ENVIRONMENT_PREFIX = "mcp_guard_";

    private EarlyNeeds() {
    }

    public static boolean any(String agentArguments, Map<?, ?> systemProperties, Map<String, String> environment) {
        if (agentArguments != null && mentions(agentArguments)) {
            return true;
        }
        for (Object key : systemProperties.keySet()) {
            if (key instanceof String name && name.startsWith(Setting.PREFIX) && mentions(name)) {
                return true;
            }
        }
        for (String variable : environment.keySet()) {
            if (variable.toLowerCase(Locale.ROOT).startsWith(ENVIRONMENT_PREFIX) && mentions(variable)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
