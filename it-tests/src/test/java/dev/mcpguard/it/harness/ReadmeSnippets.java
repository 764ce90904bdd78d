package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The README's snippets, read from the README itself, so that a test runs what users copy: the fenced block after a
 * marker line ({@code <!-- tested by SomeIT: name -->}, which Markdown does not show).
 */
public final class ReadmeSnippets {

    private static final String FENCE = "```";

    private ReadmeSnippets() {
    }

    /** The content of the first fenced block after the line {@code marker}. */
    public static String after(String marker) {
        List<String> lines = readme();
        int at = lines.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("README.md has no line " + marker);
        }
        int open = at + 1;
        while (open < lines.size() && !lines.get(open).startsWith(FENCE)) {
            open++;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).startsWith(FENCE)) {
            close++;
        }
        if (close >= lines.size()) {
            throw new AssertionError("no fenced block after " + marker + " in README.md");
        }
        return String.join("\n", lines.subList(open + 1, close));
    }

    private static List<String> readme() {
        Path readme = Paths.get(System.getProperty("mcpguard.it.readme", "../README.md"));
        try {
            return Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
    }
}
