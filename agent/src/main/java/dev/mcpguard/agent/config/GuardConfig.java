package dev.mcpguard.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The effective configuration: a typed value and its origin for every key in {@link Settings}. */
public final class GuardConfig {

    record Resolved(Object value, Origin origin) {
    }

    private final Map<Setting<?>, Resolved> values;

    GuardConfig(Map<Setting<?>, Resolved> values) {
        this.values = Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting).value();
    }

    public Origin origin(Setting<?> setting) {
        return values.get(setting).origin();
    }

    public boolean enabled(Feature feature) {
        return get(Settings.enabled(feature));
    }

    /** {@code mcp.guard.close-timeout = 5s (default)}, one line per key, in the order of {@link Settings#all()}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting<?> setting : Settings.all()) {
            lines.add(setting.key() + " = " + formatted(setting) + " (" + origin(setting) + ")");
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private <T> String formatted(Setting<T> setting) {
        return setting.format((T) values.get(setting).value());
    }
}
