package dev.mcpguard.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A JDK to fork scenario JVMs on; pass {@link #home()} to {@link ForkedJvm#javaHome}. */
public record Jdk(String name, Path home) {

    /**
     * The JDK forks run on by default: the one the matrix selected ({@code mcpguard.it.java.home}), else the JDK
     * running the tests. Named by its major version.
     */
    public static final Jdk CURRENT = of(ItPaths.forkJavaHome());
    public static final Jdk JDK_25 = new Jdk("25", Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** A JDK named by the JAVA_VERSION in its release file (its major version), or its directory name. */
    public static Jdk of(Path home) {
        String name = home.getFileName().toString();
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    name = version.split("[.+-]")[0];
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // No release file: keep the directory name.
        }
        return new Jdk(name, home);
    }

    /** The major version, or 0 when the name is not one. */
    public int feature() {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean available() {
        return Files.isExecutable(home.resolve("bin").resolve("java"));
    }

    @Override
    public String toString() {
        return "JDK " + name;
    }
}
