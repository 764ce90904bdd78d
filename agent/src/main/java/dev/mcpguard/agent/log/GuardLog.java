package dev.mcpguard.agent.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The agent's one logger. It writes {@code [mcp-guard] LEVEL message} lines to the host's current standard error,
 * or appends them, time-stamped, to {@code mcp.guard.log.file}. It is deliberately not an slf4j binding: the agent
 * must neither read nor disturb the host's logging configuration.
 */
public final class GuardLog {

    private static volatile LogLevel level = LogLevel.INFO;
    private static volatile PrintStream file;

    private GuardLog() {
    }

    public static void configure(LogLevel newLevel, Path logFile) throws IOException {
        if (logFile != null) {
            file = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        }
        level = newLevel;
    }

    public static boolean enabled(LogLevel messageLevel) {
        return level.admits(messageLevel);
    }

    public static void error(String message) {
        write(LogLevel.ERROR, message, null);
    }

    public static void warn(String message) {
        write(LogLevel.WARN, message, null);
    }

    public static void info(String message) {
        write(LogLevel.INFO, message, null);
    }

    public static void debug(String message) {
        write(LogLevel.DEBUG, message, null);
    }

    public static void debug(String message, Throwable error) {
        write(LogLevel.DEBUG, message, error);
    }

    private static void write(LogLevel messageLevel, String message, Throwable error) {
        if (!enabled(messageLevel)) {
            return;
        }
        StringBuilder line = new StringBuilder();
        PrintStream target = file;
        if (target != null) {
            line.append(Instant.now()).append(' ');
        } else {
            target = System.err;
        }
        line.append("[mcp-guard] ").append(messageLevel.name()).append(' ').append(message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        target.println(line);
    }
}
