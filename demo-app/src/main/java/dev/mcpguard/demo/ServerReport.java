package dev.mcpguard.demo;

/**
 * How one server fared: the calls that worked and failed, and the first problem seen (null when none).
 * A server that could not be started or connected counts every planned call as failed.
 */
record ServerReport(String name, String detail, int callsOk, int callsFailed, String problem) {

    static ServerReport notStarted(String name, int plannedCalls, String problem) {
        return new ServerReport(name, "not started", 0, plannedCalls, problem);
    }

    boolean ok() {
        return problem == null && callsFailed == 0;
    }

    /** The compact line printed once the server is done with. */
    String statusLine() {
        return String.format("%-16s %-4s %s, calls %d/%d ok%s", name, ok() ? "OK" : "FAIL", detail,
                callsOk, callsOk + callsFailed, problem == null ? "" : " -- " + problem);
    }
}
