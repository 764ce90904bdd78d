package dev.mcpguard.it.harness;

import java.time.Instant;
import java.util.List;

/** What a forked JVM did: how it ended and what it printed. */
public final class JvmResult {

    private final List<String> command;
    private final long pid;
    private final Integer exitCode;
    private final boolean exitedByItself;
    private final Instant endedAt;
    private final List<Long> killedPids;
    private final List<String> stdout;
    private final List<String> stderr;

    JvmResult(List<String> command, long pid, Integer exitCode, boolean exitedByItself, Instant endedAt,
              List<Long> killedPids, List<String> stdout, List<String> stderr) {
        this.command = List.copyOf(command);
        this.pid = pid;
        this.exitCode = exitCode;
        this.exitedByItself = exitedByItself;
        this.endedAt = endedAt;
        this.killedPids = List.copyOf(killedPids);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** False when the JVM was still running at the limit and had to be killed: a leak. */
    public boolean exitedByItself() {
        return exitedByItself;
    }

    /** The exit code; after a kill it is the kill's, and null if even the kill did not end it. */
    public Integer exitCode() {
        return exitCode;
    }

    public long pid() {
        return pid;
    }

    /** When the JVM was seen gone; processes started after this cannot be its children. */
    public Instant endedAt() {
        return endedAt;
    }

    /** The JVM and descendants the harness had to kill because the JVM did not exit. */
    public List<Long> killedPids() {
        return killedPids;
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    /** The scenario's report line, parsed; fails the test if the app printed none. */
    public ScenarioReport report() {
        return ScenarioReport.parse(stdout).orElseThrow(
                () -> new AssertionError("the scenario printed no report line\n" + describe()));
    }

    public boolean hasReport() {
        return ScenarioReport.parse(stdout).isPresent();
    }

    public AgentLog agentLog() {
        return AgentLog.parse(stderr);
    }

    /** Everything needed to understand a failure, for assertion messages. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("command: ").append(String.join(" ", command)).append('\n');
        text.append("pid ").append(pid).append(exitedByItself ? " exited by itself" : " DID NOT EXIT and was killed")
                .append(", exit code ").append(exitCode);
        if (!killedPids.isEmpty()) {
            text.append(", killed ").append(killedPids);
        }
        text.append("\n--- stdout ---\n");
        stdout.forEach(line -> text.append(line).append('\n'));
        text.append("--- stderr ---\n");
        stderr.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
