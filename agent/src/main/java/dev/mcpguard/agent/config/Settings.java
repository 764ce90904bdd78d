package dev.mcpguard.agent.config;

import dev.mcpguard.agent.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every key mcp-guard reads. A key that is not here is an error, wherever it is set. */
public final class Settings {

    private static final String NONE = "(none)";

    public static final Setting<Boolean> ENABLED = new Flag("mcp.guard.enabled", true,
            "false turns the whole agent off; the application runs as if it were not there");
    public static final Setting<Optional<Path>> CONFIGURATION_FILE = new File("mcp.guard.configuration-file",
            "a properties file of further mcp.guard.* keys (agent argument alias: config)");
    public static final Setting<Boolean> STRICT = new Flag("mcp.guard.strict", false,
            "true makes a bad configuration stop the JVM from starting instead of disabling the agent");
    public static final Setting<LogLevel> LOG_LEVEL = new Level("mcp.guard.log.level", "info",
            "the agent's own log level: off, error, warn, info, debug, trace");
    public static final Setting<Optional<Path>> LOG_FILE = new File("mcp.guard.log.file",
            "append the agent's log to this file instead of standard error");
    public static final Setting<Duration> CLOSE_TIMEOUT = new Wait("mcp.guard.close-timeout", "5s",
            "how long a close may take before the session is terminated forcibly");

    public static final Setting<Duration> EXIT_GRACE = new Wait("mcp.guard.exit.grace", "30s",
            "at JVM exit, how long the application's own shutdown hooks may drain before open sessions are closed");

    public static final Setting<Integer> OWNER_THREADS = new Count("mcp.guard.owner-threads", 2, 64,
            "how many owner threads all sessions share (each session keeps one for life)");
    public static final Setting<List<String>> RECONNECT_METHODS = new Items("mcp.guard.reconnect.methods", true,
            "host methods that are one reconnect attempt, as Class#method, comma-separated (all overloads)");
    public static final Setting<Duration> RECONNECT_BACKOFF = new Wait("mcp.guard.reconnect.backoff", "1s",
            "the first wait after a real failure; it doubles (with jitter) per failure in a row");
    public static final Setting<Duration> RECONNECT_MAX_BACKOFF = new Wait("mcp.guard.reconnect.max-backoff", "30s",
            "the longest wait between two attempts");
    public static final Setting<Integer> RECONNECT_MAX_FAILURES = new Count("mcp.guard.reconnect.max-failures", 5, 1000,
            "real failures in a row that open the circuit: calls then fail fast until a probe succeeds");
    public static final Setting<Integer> RECONNECT_MAX_ARTIFACT_STREAK = new Count(
            "mcp.guard.reconnect.max-artifact-streak", 20, 1000,
            "teardown artifacts in a row after which one more counts as a real failure");
    public static final Setting<List<String>> ARTIFACT_EXTRA_MARKERS = new Items("mcp.guard.artifacts.extra-markers",
            false, "more text that marks a teardown artifact (matched against \"Class: message\")");

    public static final Setting<Optional<Duration>> KEEPALIVE_INTERVAL = new Interval("mcp.guard.keepalive.interval",
            "ping each idle session this often (with jitter); a failed ping counts against the reconnect budget");

    private static final Map<Feature, Setting<Boolean>> FEATURE_SWITCHES = new EnumMap<>(Feature.class);
    private static final List<Setting<?>> ALL;

    static {
        List<Setting<?>> all = new ArrayList<>(List.of(ENABLED, CONFIGURATION_FILE, STRICT, LOG_LEVEL, LOG_FILE,
                CLOSE_TIMEOUT, EXIT_GRACE, OWNER_THREADS, RECONNECT_METHODS, RECONNECT_BACKOFF, RECONNECT_MAX_BACKOFF,
                RECONNECT_MAX_FAILURES, RECONNECT_MAX_ARTIFACT_STREAK, ARTIFACT_EXTRA_MARKERS, KEEPALIVE_INTERVAL));
        for (Feature feature : Feature.values()) {
            Setting<Boolean> enabled = new Flag("mcp.guard." + feature.featureName() + ".enabled", true,
                    feature.description());
            FEATURE_SWITCHES.put(feature, enabled);
            all.add(enabled);
        }
        ALL = Collections.unmodifiableList(all);
    }

    private Settings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Setting<Boolean> enabled(Feature feature) {
        return FEATURE_SWITCHES.get(feature);
    }

    static Optional<Setting<?>> byKey(String key) {
        for (Setting<?> setting : ALL) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** true or false. */
    private static final class Flag extends Setting<Boolean> {

        Flag(String key, boolean defaultValue, String description) {
            super(key, Boolean.toString(defaultValue), description);
        }

        @Override
        Boolean parse(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    throw new IllegalArgumentException("not a boolean (use true or false)");
            }
        }

        @Override
        String format(Boolean value) {
            return String.valueOf(value);
        }
    }

    /** A file path, or nothing when empty. */
    private static final class File extends Setting<Optional<Path>> {

        File(String key, String description) {
            super(key, "", description);
        }

        @Override
        Optional<Path> parse(String text) {
            if (text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(text.trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a file path");
            }
        }

        @Override
        String format(Optional<Path> value) {
            return value.isPresent() ? value.get().toString() : NONE;
        }
    }

    /** A duration longer than zero. */
    private static final class Wait extends Setting<Duration> {

        Wait(String key, String defaultText, String description) {
            super(key, defaultText, description);
        }

        @Override
        Duration parse(String text) {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("must be longer than zero");
            }
            return d;
        }

        @Override
        String format(Duration value) {
            return Durations.format(value);
        }
    }

    /** A keepalive interval: at least a second, or nothing when empty. */
    private static final class Interval extends Setting<Optional<Duration>> {

        Interval(String key, String description) {
            super(key, "", description);
        }

        @Override
        Optional<Duration> parse(String text) {
            if (text.isBlank()) {
                return Optional.empty();
            }
            Duration d = Durations.parse(text);
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("must be at least 1s (or empty: no keepalive)");
            }
            return Optional.of(d);
        }

        @Override
        String format(Optional<Duration> value) {
            return value.isPresent() ? Durations.format(value.get()) : NONE;
        }
    }

    /** A whole number from 1 to a maximum. */
    private static final class Count extends Setting<Integer> {

        private final int max;

        Count(String key, int defaultValue, int max, String description) {
            super(key, Integer.toString(defaultValue), description);
            this.max = max;
        }

        @Override
        Integer parse(String text) {
            try {
                int n = Integer.parseInt(text.trim());
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the message
            }
            throw new IllegalArgumentException("not a whole number from 1 to " + max);
        }

        @Override
        String format(Integer value) {
            return String.valueOf(value);
        }
    }

    /** The agent's log level. */
    private static final class Level extends Setting<LogLevel> {

        Level(String key, String defaultText, String description) {
            super(key, defaultText, description);
        }

        @Override
        LogLevel parse(String text) {
            return LogLevel.parse(text);
        }

        @Override
        String format(LogLevel value) {
            return value.toString();
        }
    }

    /** A comma-separated list, of host methods ({@code Class#method}) or of free text. */
    private static final class Items extends Setting<List<String>> {

        private final boolean methodNames;

        Items(String key, boolean methodNames, String description) {
            super(key, "", description);
            this.methodNames = methodNames;
        }

        @Override
        List<String> parse(String text) {
            List<String> items = new ArrayList<>();
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(methodNames ? checkMethodName(item.trim()) : item.trim());
                }
            }
            return List.copyOf(items);
        }

        @Override
        String format(List<String> items) {
            return items.isEmpty() ? NONE : String.join(",", items);
        }
    }

    private static String checkMethodName(String name) {
        int hash = name.indexOf('#');
        if (hash <= 0 || hash == name.length() - 1 || name.indexOf('#', hash + 1) >= 0 || name.contains(" ")) {
            throw new IllegalArgumentException("'" + name + "' is not Class#method (e.g. com.acme.Gateway#runSession)");
        }
        return name;
    }
}
