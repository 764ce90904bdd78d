package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.status.StatusSnapshot;
import java.io.PrintStream;
import java.util.Set;

/** {@code status <pid> [--json]}: the live figures of a guarded JVM, which its agent hands over on request. */
final class StatusCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar status <pid> [--json]",
            "",
            "Shows what mcp-guard does in the running JVM <pid>: the sessions open (transport, server, owner",
            "thread, age) and the agent's counters (closes marshalled, handed over, forced terminations, ...).",
            "The command asks the mcp-guard running there through the attach mechanism (it loads the agent",
            "jar once more, which only hands over the figures) and starts nothing in the JVM; JConsole and",
            "VisualVM show the same figures in the MBean mcp.guard:type=Guard. On Java 21+ the JVM logs a",
            "warning about a dynamically loaded agent for each request unless it runs with",
            "-XX:+EnableDynamicAgentLoading; with -XX:-EnableDynamicAgentLoading the figures cannot be read.",
            "--json prints one JSON object instead.",
            "",
            "exit status: 0; 1 the figures could not be read; 2 bad command line; 3 no JVM with that pid this",
            "user can attach to; 4 mcp-guard is not loaded there (or is disabled).");

    static final String JSON = "--json";

    private StatusCommand() {
    }

    static int run(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(JSON), 1, 1);
        long pid = line.pid(0);
        try (TargetJvm target = TargetJvm.attach(pid)) {
            if (target.guardVersion() == null) {
                throw new CliFailure(CliFailure.WRONG_STATE, "mcp-guard is not loaded in pid " + pid
                        + "; load it with: java -jar mcp-guard.jar attach " + pid);
            }
            if (!target.guardActive()) {
                throw new CliFailure(CliFailure.WRONG_STATE, "mcp-guard is loaded in pid " + pid
                        + " but disabled itself: " + String.join(" ", target.guardSummary()));
            }
            StatusSnapshot figures = StatusRequest.ask(target);
            if (line.has(JSON)) {
                out.println(StatusReport.json(pid, figures));
            } else {
                StatusReport.text(pid, figures).forEach(out::println);
            }
            return 0;
        }
    }
}
