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
    private String shown;

    ServerStatus(String name, long scenarioStartNanos, PrintStream out) {
        this.name = name;
        this.scenarioStartNanos = scenarioStartNanos;
        this.out = out;
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
