package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the command line as users do, {@code java -jar agent/target/mcp-guard.jar <args>}, and collects what it did. */
public final class GuardCli {

    private static final long LIMIT_SECONDS = 60;

    private GuardCli() {
    }

    /** What one command did. */
    public record Result(List<String> command, int exitCode, List<String> stdout, List<String> stderr, long millis) {

        public String out() {
            return String.join("\n", stdout);
        }

        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit " + exitCode + " after " + millis + " ms"
                    + "\n--- stdout ---\n" + String.join("\n", stdout)
                    + "\n--- stderr ---\n" + String.join("\n", stderr);
        }
    }

    public static Result run(Object... args) {
        return run(ItPaths.agentJar(), Map.of(), args);
    }

    /**
     * Runs the command line from {@code jar} (a copy elsewhere, as a user may keep it) with {@code environment} on top
     * of a clean one.
     */
    public static Result run(Path jar, Map<String, String> environment, Object... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_GUARD_") || k.endsWith("JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not end within " + LIMIT_SECONDS + " s: " + command);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(command, process.exitValue(), out.join().lines().toList(), err.join().lines().toList(),
                    millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file the scenario app {@code AwaitsAttach} waits for; create it to let the app go on. */
    public static Path signalFile() {
        try {
            Path dir = ItPaths.itDir().resolve("signals");
            java.nio.file.Files.createDirectories(dir);
            Path file = java.nio.file.Files.createTempFile(dir, "go-", ".signal");
            java.nio.file.Files.delete(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
