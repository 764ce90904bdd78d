package dev.mcpguard.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns hyperfine's {@code --export-json} file into one samples file per command ({@code <prefix>-<name>.txt}, ms),
 * the same files the script's own timing loop writes when hyperfine is missing, so {@link ResultsTable} reads one
 * format. It appends: run.sh calls hyperfine in several short rounds, alternating the two commands, and pools them. The JSON is flat and written by one tool, so two patterns suffice and the module needs no JSON library.
 *
 * <p>Arguments: {@code <hyperfine json> <output dir> <prefix>}.
 */
public final class HyperfineSamples {

    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TIMES = Pattern.compile("\"times\"\\s*:\\s*\\[([^\\]]*)\\]");

    public static void main(String[] args) throws IOException {
        String json = Files.readString(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        String prefix = args[2];
        Matcher command = COMMAND.matcher(json);
        Matcher times = TIMES.matcher(json);
        while (command.find()) {
            if (!times.find(command.end())) {
                throw new IllegalStateException("no times for command " + command.group(1) + " in " + args[0]);
            }
            List<Double> millis = new ArrayList<>();
            Arrays.stream(times.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(seconds -> millis.add(Double.parseDouble(seconds) * 1000));
            Path file = dir.resolve(prefix + "-" + command.group(1) + ".txt");
            Samples.of(millis).appendTo(file);
        }
    }
}
