package dev.mcpguard.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the configuration from its sources, highest precedence first: agent arguments, system properties,
 * environment variables, the configuration file, defaults. Every value is checked, in every source, even where a
 * higher source overrides it: a typo is reported wherever it is, not only where it happens to win.
 *
 * <p>Only the values of known keys are ever repeated back: an unknown key may be something else's secret that merely
 * shares the prefix. The environment is shared with every other tool on the machine, so an unknown
 * {@code MCP_GUARD_*} variable is a warning, never a reason to disable the agent; a misspelled key in a source meant
 * for mcp-guard alone (agent arguments, system properties, the file) stays an error.
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "MCP_GUARD_";
    private static final String CONFIG_ALIAS = "config";

    /** One raw value as found in a source. */
    private record Raw(String key, String value, Origin origin) {
    }

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings;

    private ConfigLoader(List<String> warnings) {
        this.warnings = warnings;
    }

    public static GuardConfig load(String agentArguments, Map<String, String> systemProperties,
            Map<String, String> environment) throws InvalidConfiguration {
        return load(agentArguments, systemProperties, environment, new ArrayList<>());
    }

    /** @param warnings receives what is worth a WARN but leaves the configuration valid, even when it is not */
    public static GuardConfig load(String agentArguments, Map<String, String> systemProperties,
            Map<String, String> environment, List<String> warnings) throws InvalidConfiguration {
        return new ConfigLoader(warnings).resolve(agentArguments, systemProperties, environment);
    }

    private GuardConfig resolve(String agentArguments, Map<String, String> systemProperties,
            Map<String, String> environment) throws InvalidConfiguration {
        List<Map<String, Raw>> sources = new ArrayList<>();
        sources.add(fromAgentArguments(agentArguments));
        sources.add(fromSystemProperties(systemProperties));
        sources.add(fromEnvironment(environment));
        sources.add(fromFile(highest(sources, Settings.CONFIGURATION_FILE)));

        Map<Setting<?>, GuardConfig.Resolved> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.all()) {
            GuardConfig.Resolved winner = null;
            for (Map<String, Raw> source : sources) {
                Raw raw = source.get(setting.key());
                if (raw == null) {
                    continue;
                }
                Object value = parse(setting, raw);
                if (winner == null && value != null) {
                    winner = new GuardConfig.Resolved(value, raw.origin());
                }
            }
            values.put(setting, winner != null ? winner
                    : new GuardConfig.Resolved(setting.parse(setting.defaultText()), Origin.DEFAULT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems, strictRequested(sources));
        }
        return new GuardConfig(values);
    }

    private Object parse(Setting<?> setting, Raw raw) {
        try {
            return setting.parse(raw.value());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(setting, raw.value(), raw.origin(), e.getMessage()));
            return null;
        }
    }

    /** Strict mode is honoured even when other values are wrong: that is when it matters. */
    private static boolean strictRequested(List<Map<String, Raw>> sources) {
        Raw raw = highest(sources, Settings.STRICT);
        return raw != null && raw.value().trim().equalsIgnoreCase("true");
    }

    private static Raw highest(List<Map<String, Raw>> sources, Setting<?> setting) {
        for (Map<String, Raw> source : sources) {
            Raw raw = source.get(setting.key());
            if (raw != null) {
                return raw;
            }
        }
        return null;
    }

    /** {@code key=value;key=value}; keys may drop the {@code mcp.guard.} prefix, {@code config} names the file. */
    private Map<String, Raw> fromAgentArguments(String arguments) {
        Map<String, Raw> found = new HashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return found;
        }
        for (String argument : arguments.split(";")) {
            if (argument.isBlank()) {
                continue;
            }
            int eq = argument.indexOf('=');
            if (eq <= 0 || argument.substring(0, eq).isBlank()) {
                problems.add(new Problem("agent argument '" + argument.trim() + "'", Origin.AGENT_ARGUMENTS,
                        "expected key=value, with several separated by ';'"));
                continue;
            }
            String name = argument.substring(0, eq).trim();
            String key = CONFIG_ALIAS.equals(name) ? Settings.CONFIGURATION_FILE.key() : fullKey(name);
            accept(found, new Raw(key, argument.substring(eq + 1).trim(), Origin.AGENT_ARGUMENTS));
        }
        return found;
    }

    private Map<String, Raw> fromSystemProperties(Map<String, String> properties) {
        Map<String, Raw> found = new HashMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getKey().startsWith(Setting.PREFIX)) {
                accept(found, new Raw(property.getKey(), property.getValue(), Origin.SYSTEM_PROPERTY));
            }
        }
        return found;
    }

    private Map<String, Raw> fromEnvironment(Map<String, String> environment) {
        Map<String, String> keyByVariable = new HashMap<>();
        for (Setting<?> setting : Settings.all()) {
            keyByVariable.put(setting.environmentVariable(), setting.key());
        }
        Map<String, Raw> found = new HashMap<>();
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String variable = entry.getKey();
            String value = entry.getValue();
            if (!variable.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = keyByVariable.get(variable);
            if (key == null) {
                warnings.add("environment variable " + variable + " is not an mcp-guard setting and is ignored"
                        + nearest(variable, keyByVariable.keySet()).map(v -> " (did you mean " + v + "?)").orElse("")
                        + "; its value is not shown");
            } else {
                found.put(key, new Raw(key, value, Origin.environment(variable)));
            }
        }
        return found;
    }

    private Map<String, Raw> fromFile(Raw fileSetting) {
        Map<String, Raw> found = new HashMap<>();
        if (fileSetting == null || fileSetting.value().isBlank()) {
            return found;
        }
        Path path;
        try {
            path = Path.of(fileSetting.value().trim());
        } catch (RuntimeException e) {
            return found; // reported when the setting itself is parsed
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.of(Settings.CONFIGURATION_FILE, fileSetting.value(), fileSetting.origin(),
                    "cannot read the file (" + describe(e) + ")"));
            return found;
        }
        Origin origin = Origin.file(path.toAbsolutePath().toString());
        for (String name : properties.stringPropertyNames()) {
            accept(found, new Raw(fullKey(name.trim()), properties.getProperty(name).trim(), origin));
        }
        return found;
    }

    private void accept(Map<String, Raw> found, Raw raw) {
        if (Settings.byKey(raw.key()).isPresent()) {
            found.put(raw.key(), raw);
        } else {
            List<String> keys = new ArrayList<>();
            Settings.all().forEach(s -> keys.add(s.key()));
            problems.add(Problem.unknownKey(raw.key(), raw.origin(), "unknown key"
                    + nearest(raw.key(), keys).map(k -> " (did you mean " + k + "?)").orElse("")));
        }
    }

    private static String fullKey(String name) {
        return name.startsWith(Setting.PREFIX) ? name : Setting.PREFIX + name;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static Optional<String> nearest(String name, Collection<String> known) {
        return known.stream()
                .filter(k -> editDistance(k, name) <= 3)
                .min((a, b) -> editDistance(a, name) - editDistance(b, name));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
