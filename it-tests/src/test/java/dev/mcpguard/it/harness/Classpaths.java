package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The class paths the scenario apps run with in forked JVMs. */
public final class Classpaths {

    /** The jars of the current SDK: mcp-core, mcp-json-jackson2/3 and the mcp aggregator. */
    private static final Pattern CURRENT_SDK_JAR =
            Pattern.compile("mcp-core-.*\\.jar|mcp-json-jackson.*\\.jar|mcp-\\d.*\\.jar");

    private Classpaths() {
    }

    /**
     * The scenario apps with the SDK and its runtime dependencies: the SDK the matrix selected
     * ({@link ItPaths#selectedSdk()}), else the one they are built against.
     */
    public static List<Path> withSdk() {
        if (ItPaths.selectedSdk().isPresent()) {
            return withSdk(ItPaths.selectedSdk().get());
        }
        return withBuildSdk();
    }

    private static List<Path> withBuildSdk() {
        List<Path> entries = new ArrayList<>();
        entries.add(appClasses());
        entries.addAll(runtimeDependencies());
        return entries;
    }

    /**
     * The scenario apps, compiled against the build's SDK, on another SDK line's jars and dependencies (it-tests/sdks
     * resolves each line with what it declares: 0.18.x with Jackson 2, later lines with Jackson 3). The apps use only
     * API every supported line has; a line that lacks some fails its fork with a linkage error, visibly.
     */
    public static List<Path> withSdk(String version) {
        if (version.equals(ItPaths.buildSdkVersion())) {
            return withBuildSdk();
        }
        List<Path> entries = new ArrayList<>();
        entries.add(appClasses());
        entries.addAll(readClasspath(ItPaths.sdkClasspathFile(version)));
        return entries;
    }

    /**
     * A real host (it-tests/hosts/&lt;module&gt;) on its own class path, with its own SDK: the scenario apps' JDK-only
     * base ({@code SpringAiHostApp} and {@code ScenarioApp} load no SDK class), the host's classes, and its jars.
     */
    public static List<Path> host(String module) {
        Path dir = ItPaths.hostsDir().resolve(module).resolve("target");
        List<Path> entries = new ArrayList<>();
        entries.add(appClasses());
        entries.add(dir.resolve("classes"));
        entries.addAll(readClasspath(dir.resolve("host-classpath.txt")));
        return entries;
    }

    /**
     * The LangChain4j host (hosts/langchain4j, compiled against the newest line) on the line the run selected: its
     * own jars, or another line's (the matrix's oldest-line cells). Its programs use only API every supported line
     * has; a line that lacks some fails the fork with a linkage error, visibly.
     */
    public static List<Path> langchain4jHost() {
        Optional<Path> otherLine = ItPaths.langchain4jClasspathFile();
        if (otherLine.isEmpty()) {
            return host("langchain4j");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(appClasses());
        entries.add(ItPaths.hostsDir().resolve("langchain4j").resolve("target").resolve("classes"));
        entries.addAll(readClasspath(otherLine.get()));
        return entries;
    }

    /** The scenario apps alone: a host that does not have the SDK at all. */
    public static List<Path> withoutSdk() {
        return List.of(appClasses());
    }

    /**
     * The scenario apps on io.modelcontextprotocol.sdk:mcp 0.10.0 (plus the Jackson 2 it needs),
     * with the current SDK's own jars taken out and its other dependencies (Reactor, slf4j) kept.
     */
    public static List<Path> withOldSdk() {
        Path oldSdk = ItPaths.itDir().resolve("old-sdk");
        List<Path> entries = new ArrayList<>();
        entries.add(appClasses());
        try (Stream<Path> jars = Files.list(oldSdk)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + oldSdk + " (dependency:copy makes it)", e);
        }
        runtimeDependencies().stream()
                .filter(p -> !CURRENT_SDK_JAR.matcher(p.getFileName().toString()).matches())
                .forEach(entries::add);
        return entries;
    }

    private static Path appClasses() {
        return ItPaths.itDir().resolve("classes");
    }

    private static List<Path> runtimeDependencies() {
        return readClasspath(ItPaths.itDir().resolve("app-classpath.txt"));
    }

    private static List<Path> readClasspath(Path file) {
        try {
            String text = Files.readString(file).trim();
            return Arrays.stream(text.split(java.io.File.pathSeparator))
                    .filter(s -> !s.isBlank())
                    .map(Paths::get)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (dependency:build-classpath writes it)", e);
        }
    }
}
