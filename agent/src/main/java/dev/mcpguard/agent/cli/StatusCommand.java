package dev.mcpguard.agent.cli;

import java.io.PrintStream;
import java.util.Set;

/** {@code status <pid> [--json]}: the live figures of a guarded JVM, read from its MBean over local JMX. */
final class StatusCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar status <pid> [--json]",
            "",
            "Shows what mcp-guard does in the running JVM <pid>: the sessions open (transport, server, owner",
            "thread, age) and the agent's counters (closes marshalled, handed over, forced terminations, ...).",
            "The figures come from the MBean mcp.guard:type=Guard, which JConsole and VisualVM show as well;",
            "the command starts the JVM's local management agent (loopback only) to read it.",
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
            GuardFigures figures;
            try (ManagementConnection jmx = ManagementConnection.open(target)) {
                figures = GuardFigures.read(pid, jmx.server());
            }
            if (line.has(JSON)) {
                out.println(StatusReport.json(figures));
            } else {
                StatusReport.text(figures).forEach(out::println);
            }
            return 0;
        }
    }
}
