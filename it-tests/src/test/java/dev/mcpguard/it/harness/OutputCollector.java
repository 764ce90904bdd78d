package dev.mcpguard.it.harness;

import dev.mcpguard.it.app.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drains one output stream of a child process into lines, on a daemon thread. */
final class OutputCollector {

    /** Keeps a runaway process from filling the test JVM's heap. */
    private static final int MAX_LINES = 20_000;

    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private volatile long reportSeenAtNanos;

    private OutputCollector(InputStream in, String name) {
        reader = new Thread(() -> drain(in), name);
        reader.setDaemon(true);
    }

    static OutputCollector start(InputStream in, String name) {
        OutputCollector collector = new OutputCollector(in, name);
        collector.reader.start();
        return collector;
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(Report.PREFIX)) {
                    reportSeenAtNanos = System.nanoTime();
                }
                synchronized (lines) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // The pipe broke because the process was killed; what was read so far is the output.
        }
    }

    /** When the scenario's report line arrived, or 0 if it has not. */
    long reportSeenAtNanos() {
        return reportSeenAtNanos;
    }

    void awaitEnd(Duration limit) {
        try {
            reader.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
