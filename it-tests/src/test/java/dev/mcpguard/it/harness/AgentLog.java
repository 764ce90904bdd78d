package dev.mcpguard.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The agent's lines in a JVM's stderr, {@code [mcp-guard] <LEVEL> <message>}, with the banner
 * taken apart: its start line, its {@code key = value (source)} lines and the rest.
 */
public final class AgentLog {

    public static final String PREFIX = "[mcp-guard] ";

    private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX) + "(ERROR|WARN|INFO|DEBUG|TRACE) (.*)");
    private static final Pattern BANNER_START = Pattern.compile("mcp-guard \\S+ started.*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** One agent line. Banner detail lines keep their indentation in {@code message}. */
    public record Line(String level, String message) {

        public boolean isBannerStart() {
            return level.equals("INFO") && BANNER_START.matcher(message).matches();
        }

        /** The banner's start line or one of its indented detail lines. */
        public boolean isBanner() {
            return isBannerStart() || (level.equals("INFO") && message.startsWith("  "));
        }

        @Override
        public String toString() {
            return PREFIX + level + " " + message;
        }
    }

    /** A banner line {@code   mcp.guard.<key> = <value> (<source>)}. */
    public record Setting(String key, String value, String source) {

        /** The value as a duration, accepting the agent's syntax (500ms, 5s, 2m) and ISO-8601. */
        public Duration durationValue() {
            Matcher m = DURATION.matcher(value.trim());
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms": return Duration.ofMillis(amount);
                    case "s": return Duration.ofSeconds(amount);
                    case "m": return Duration.ofMinutes(amount);
                    default: return Duration.ofHours(amount);
                }
            }
            return Duration.parse(value.trim());
        }
    }

    private final List<Line> lines;

    private AgentLog(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static AgentLog parse(List<String> stderr) {
        return new AgentLog(stderr.stream().map(AgentLog::parseLine).flatMap(Optional::stream).collect(Collectors.toList()));
    }

    /**
     * Reads one line. The prefix is searched, not anchored, so a line the JVM or slf4j wrote into
     * the same stream without a line break in between still counts.
     */
    static Optional<Line> parseLine(String text) {
        int start = text.indexOf(PREFIX);
        if (start < 0) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(text.substring(start));
        if (!m.matches()) {
            // A prefixed line without a known level is malformed output; keep it visible to the tests.
            return Optional.of(new Line("UNKNOWN", text.substring(start + PREFIX.length())));
        }
        return Optional.of(new Line(m.group(1), m.group(2)));
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Line> at(String level) {
        return lines.stream().filter(l -> l.level().equals(level)).collect(Collectors.toList());
    }

    public List<Line> bannerStarts() {
        return lines.stream().filter(Line::isBannerStart).collect(Collectors.toList());
    }

    public List<Line> bannerLines() {
        return lines.stream().filter(Line::isBanner).collect(Collectors.toList());
    }

    /** Lines with the given level whose message contains {@code text}. */
    public List<Line> matching(String level, String text) {
        return lines.stream().filter(l -> l.level().equals(level) && l.message().contains(text)).collect(Collectors.toList());
    }

    /** {@code [mcp-guard] ERROR configuration: ...} lines. */
    public List<Line> configurationErrors() {
        return lines.stream()
                .filter(l -> l.level().equals("ERROR") && l.message().startsWith("configuration: "))
                .collect(Collectors.toList());
    }

    /** The banner's line for a configuration key, by its full name (mcp.guard.close-timeout). */
    public Optional<Setting> setting(String key) {
        String head = key + " = ";
        return lines.stream()
                .filter(Line::isBanner)
                .map(l -> l.message().trim())
                .filter(m -> m.startsWith(head) && m.endsWith(")") && m.lastIndexOf(" (") >= head.length() - 1)
                .findFirst()
                .map(m -> {
                    int open = m.lastIndexOf(" (");
                    return new Setting(key, m.substring(head.length(), open), m.substring(open + 2, m.length() - 1));
                });
    }

    @Override
    public String toString() {
        return lines.stream().map(Line::toString).collect(Collectors.joining("\n"));
    }
}
