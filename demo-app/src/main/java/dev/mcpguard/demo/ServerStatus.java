package dev.mcpguard.demo;

import java.io.PrintStream;

/**
 * One server's compact status line, printed when its state changes: connected, reconnecting n/5, given up,
 * closed. Events the demo causes on purpose (a frozen or killed server) are printed the same way.
 * All servers of a scenario share its clock, so their lines can be read side by side.
 */
final class ServerStatus {

    private final String name;
    private final long scenarioStartNanos;
    private final PrintStream out;
    /** A progress line every this many planned reconnects; 0 for none. */
    private final int progressEvery;
    private String shown;

    ServerStatus(String name, long scenarioStartNanos, PrintStream out) {
        this(name, scenarioStartNanos, out, 0);
    }

    ServerStatus(String name, long scenarioStartNanos, PrintStream out, int progressEvery) {
        this.name = name;
        this.scenarioStartNanos = scenarioStartNanos;
        this.out = out;
        this.progressEvery = progressEvery;
    }

    void connected() {
        show("connected");
    }

    void reconnecting(int failures, int budget, String reason) {
        show("reconnecting " + failures + "/" + budget + " -- " + reason);
    }

    void givenUp(int failures, String reason) {
        show("given up after " + failures + " failures -- " + reason);
    }

    void closed(String detail) {
        show("closed (" + detail + ")");
    }

    /** A long run's progress, when asked for (--progress): the state itself does not change between reconnects. */
    void plannedReconnect(int planned, int failures) {
        if (progressEvery > 0 && planned % progressEvery == 0) {
            print("progress: planned reconnects " + planned + ", failures counted " + failures);
        }
    }

    /** Something that happened to the server rather than a state of the gateway's link to it. */
    void event(String what) {
        print(what);
    }

    private synchronized void show(String state) {
        if (!state.equals(shown)) {
            shown = state;
            print(state);
        }
    }

    private synchronized void print(String line) {
        out.printf("[%5.1fs] %-16s %s%n", (System.nanoTime() - scenarioStartNanos) / 1e9, name, line);
    }
}
