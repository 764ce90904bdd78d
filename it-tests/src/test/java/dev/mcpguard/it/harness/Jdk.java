package dev.mcpguard.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A JDK to fork scenario JVMs on; pass {@link #home()} to {@link ForkedJvm#javaHome}. */
public record Jdk(String name, Path home) {

    /** The JDK running the tests. */
    public static final Jdk CURRENT = new Jdk("current", Paths.get(System.getProperty("java.home")));
    public static final Jdk JDK_25 = new Jdk("25", Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64"));

    public boolean available() {
        return Files.isExecutable(home.resolve("bin").resolve("java"));
    }

    @Override
    public String toString() {
        return "JDK " + name;
    }
}
