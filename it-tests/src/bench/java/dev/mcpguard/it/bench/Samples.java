package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Durations in milliseconds and their order statistics. The benchmark JVMs append to one file per series, so that
 * the runs with and without the agent can alternate (the machine is shared; alternating spreads its noise over
 * both sides) and still be summarised as one series.
 */
public final class Samples {

    private final List<Double> millis;

    private Samples(List<Double> millis) {
        this.millis = new ArrayList<>(millis);
        Collections.sort(this.millis);
    }

    /** One series measured without and with the agent, from {@code <series>-raw.txt} and {@code <series>-agent.txt}. */
    public record Sides(Samples raw, Samples agent) {

        /** Both sides of {@code series} in {@code dir}; empty when either side was not run. */
        public static Optional<Sides> find(Path dir, String series) {
            Path raw = dir.resolve(series + "-raw.txt");
            Path agent = dir.resolve(series + "-agent.txt");
            return Files.exists(raw) && Files.exists(agent) ? Optional.of(new Sides(Samples.read(raw), Samples.read(agent)))
                    : Optional.empty();
        }

        /** Both sides of {@code series} in {@code dir}, which must have been run. */
        public static Sides read(Path dir, String series) {
            return find(dir, series).orElseThrow(() -> new IllegalStateException("no samples of " + series
                    + " with and without the agent in " + dir));
        }
    }

    public static Samples of(List<Double> millis) {
        return new Samples(millis);
    }

    public static Samples read(Path file) {
        try {
            List<Double> values = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    values.add(Double.parseDouble(line.trim()));
                }
            }
            return new Samples(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read samples " + file, e);
        }
    }

    /** Appends the samples, one per line, to {@code file} (created with its folders if missing). */
    public void appendTo(Path file) {
        StringBuilder text = new StringBuilder();
        for (double value : millis) {
            text.append(String.format(Locale.ROOT, "%.3f%n", value));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write samples " + file, e);
        }
    }

    public int count() {
        return millis.size();
    }

    public double median() {
        return quantile(0.5);
    }

    public double p90() {
        return quantile(0.9);
    }

    public double min() {
        return millis.get(0);
    }

    public double max() {
        return millis.get(millis.size() - 1);
    }

    /** Linear interpolation between the two closest ranks, as most tools (and hyperfine's median) do. */
    public double quantile(double q) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        double rank = q * (millis.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return millis.get(below) + (millis.get(above) - millis.get(below)) * (rank - below);
    }

    /** {@code n=.. median=.. p90=.. min=.. max=..}, in ms, for the console. */
    public String summary() {
        return String.format(Locale.ROOT, "n=%d median=%.1fms p90=%.1fms min=%.1fms max=%.1fms",
                count(), median(), p90(), min(), max());
    }
}
