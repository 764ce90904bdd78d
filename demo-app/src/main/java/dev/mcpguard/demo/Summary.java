package dev.mcpguard.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * The summary every reconnect scenario prints when it ends, one line per server and then what was lost and what
 * was left behind, in columns so that the summaries of two runs can be read side by side.
 */
final class Summary {

    private final PrintStream out;

    private Summary(PrintStream out) {
        this.out = out;
    }

    static Summary start(PrintStream out, String title) {
        out.println();
        out.println("Summary (" + title + ")");
        return new Summary(out);
    }

    /** The summary of a scenario run by reconnect loops, titled with their budget. */
    static Summary ofLoops(PrintStream out, String scenario) {
        return start(out, loopsTitle(scenario));
    }

    static String loopsTitle(String scenario) {
        return scenario + ", budget " + ReconnectLoop.BUDGET + " failures per server";
    }

    /** When the gateway served again after {@code event} (at {@code eventNanos}); {@code backNanos} 0: it did not. */
    Summary backInService(long backNanos, long eventNanos, String event) {
        return line("back in service", backNanos == 0 ? "no"
                : String.format("%.1f s after the %s", (backNanos - eventNanos) / 1e9, event));
    }

    /** A line of the summary: a label in the first column, then its text. */
    Summary line(String label, String text) {
        out.printf("  %-16s %s%n", label, text);
        return this;
    }

    Summary detail(String text) {
        out.println("    " + text);
        return this;
    }

    Summary serversLost(List<ReconnectLoop> loops) {
        long lost = loops.stream().filter(ReconnectLoop::givenUp).count();
        return line("servers lost", lost + " of " + loops.size());
    }

    Summary leaks(LeakReport leaks) {
        line("leaks", "child processes " + leaks.processes().size() + ", non-daemon threads " + leaks.threads().size());
        leaks.describe().forEach(this::detail);
        return this;
    }
}
