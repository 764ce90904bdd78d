package dev.mcpguard.it.harness;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The MCP conformance suite ({@code @modelcontextprotocol/conformance}, installed in it-tests/conformance with the
 * Node 22 it needs), run as its users run it: {@code conformance client --command "<client>" --scenario <name>}. The
 * suite starts a test server for the scenario, runs the client command with the server URL as the last argument and
 * {@code MCP_CONFORMANCE_SCENARIO} set, and writes its checks to {@code checks.json}.
 */
public final class ConformanceSuite {

    /** The spec revision the scenarios are run at: the one SDK 2.x speaks. */
    public static final String REVISION = "2025-11-25";
    /** The suite kills a client still running after this (its own default, passed explicitly). */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /** The suite's own start, its test server and the writing of results, on top of the client's time. */
    private static final Duration RUN_LIMIT = CLIENT_TIMEOUT.plusSeconds(60);
    private static final Duration LIST_LIMIT = Duration.ofSeconds(60);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(15);
    private static final Pattern LISTED_SCENARIO = Pattern.compile("^\\s+- (\\S+)(?: \\[.*])?$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private ConformanceSuite() {
    }

    /** The client scenarios the suite has for {@link #REVISION}, as {@code conformance list} names them. */
    public static List<String> clientScenarios() {
        Finished listing = runSuite(List.of("list", "--client", "--spec-version", REVISION), LIST_LIMIT);
        if (listing.exitCode != 0) {
            throw new AssertionError("conformance list failed (exit " + listing.exitCode + "):\n"
                    + String.join("\n", listing.output));
        }
        List<String> scenarios = new ArrayList<>();
        for (String line : listing.output) {
            Matcher listed = LISTED_SCENARIO.matcher(line);
            if (listed.matches()) {
                scenarios.add(listed.group(1));
            }
        }
        return scenarios;
    }

    /**
     * Runs one scenario against {@code clientCommand} (a fork's {@link ForkedJvm#commandLine()}) and reads what the
     * suite found. {@code resultsDir} is emptied first and then holds the suite's checks.json, stdout.txt and
     * stderr.txt.
     */
    public static ConformanceOutcome run(String scenario, List<String> clientCommand, Path resultsDir) {
        // The suite splits the command at blanks and hands it to a shell: one blank inside a part would split it.
        for (String part : clientCommand) {
            if (part.isEmpty() || part.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("the suite cannot run a command part with blanks: '" + part + "'");
            }
        }
        recreate(resultsDir);
        Finished run = runSuite(List.of("client",
                "--command", String.join(" ", clientCommand),
                "--scenario", scenario,
                "--spec-version", REVISION,
                "--timeout", Long.toString(CLIENT_TIMEOUT.toMillis()),
                "--output-dir", resultsDir.toString()), RUN_LIMIT);
        Path results = resultOf(resultsDir, run);
        return new ConformanceOutcome(scenario, run.exitCode, readChecks(results.resolve("checks.json")), run.output,
                read(results.resolve("stderr.txt")));
    }

    private record Finished(int exitCode, List<String> output) {
    }

    private static Finished runSuite(List<String> arguments, Duration limit) {
        List<String> command = new ArrayList<>();
        command.add(ItPaths.conformanceNode().toString());
        command.add(ItPaths.conformanceCli().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The suite passes its environment on to the client: the test's own settings must not reach the fork.
        ForkedJvm.withoutTestSettings(builder.environment());
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        OutputCollector output = OutputCollector.start(process.getInputStream(), "conformance suite " + process.pid());
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Long> killed = ProcessTrees.kill(process.toHandle(), KILL_LIMIT);
                output.awaitEnd(KILL_LIMIT);
                throw new AssertionError("the conformance suite did not finish within " + limit + " (killed " + killed
                        + "): " + String.join(" ", command) + "\n" + String.join("\n", plain(output.lines())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.kill(process.toHandle(), KILL_LIMIT);
            throw new IllegalStateException("interrupted while the conformance suite ran", e);
        }
        output.awaitEnd(KILL_LIMIT);
        return new Finished(process.exitValue(), plain(output.lines()));
    }

    /** The one folder the suite made for the run (it names it after the scenario and the time). */
    private static Path resultOf(Path resultsDir, Finished run) {
        try (Stream<Path> files = Files.walk(resultsDir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("checks.json"))
                    .collect(Collectors.toList());
            if (found.size() != 1) {
                throw new AssertionError("expected one checks.json under " + resultsDir + ", found " + found
                        + "\nsuite exit " + run.exitCode + ":\n" + String.join("\n", run.output));
            }
            return found.get(0).getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ConformanceOutcome.Check> readChecks(Path checksJson) {
        try {
            List<Map<String, Object>> entries = McpJsonDefaults.getMapper()
                    .readValue(Files.readString(checksJson), new TypeRef<List<Map<String, Object>>>() { });
            return entries.stream()
                    .map(e -> new ConformanceOutcome.Check(String.valueOf(e.get("id")), String.valueOf(e.get("status")),
                            e.get("errorMessage") == null ? null : String.valueOf(e.get("errorMessage"))))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checksJson, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void recreate(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recreate " + dir, e);
        }
    }

    /** The suite colours its report for a terminal. */
    private static List<String> plain(List<String> lines) {
        return lines.stream().map(line -> ANSI.matcher(line).replaceAll("")).collect(Collectors.toList());
    }
}
