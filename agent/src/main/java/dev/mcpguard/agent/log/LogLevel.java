package dev.mcpguard.agent.log;

import java.util.Locale;

/** Levels of the agent's own log, most severe first. */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG, TRACE;

    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a log level (use off, error, warn, info, debug or trace)");
        }
    }

    /** Whether a logger set to this level writes a message of {@code message}'s level. */
    boolean admits(LogLevel message) {
        return this != OFF && message.ordinal() <= ordinal();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
