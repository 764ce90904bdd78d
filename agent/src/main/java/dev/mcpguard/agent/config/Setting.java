package dev.mcpguard.agent.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, how to read a value, its default and what it is for.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    public static final String PREFIX = "mcp.guard.";

    private final String key;
    private final String defaultText;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final String description;

    Setting(String key, String defaultText, Function<String, T> parser, Function<T, String> formatter,
            String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.parser = parser;
        this.formatter = formatter;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** {@code mcp.guard.close-timeout} is read from {@code MCP_GUARD_CLOSE_TIMEOUT}. */
    public String environmentVariable() {
        return environmentVariableFor(key);
    }

    static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Parses a value; an {@link IllegalArgumentException}'s message says what is wrong with it. */
    T parse(String text) {
        return parser.apply(text);
    }

    String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting && ((Setting<?>) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
