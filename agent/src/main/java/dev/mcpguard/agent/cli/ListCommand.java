package dev.mcpguard.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code list}: the JVMs this user may attach to, one a line, tab-separated: pid, main class or jar, mcp-guard, SDK.
 * Each JVM is attached to briefly to read its system properties (as {@code jcmd <pid> VM.system_properties} does);
 * its command-line arguments are never printed, they may hold secrets.
 */
final class ListCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar list",
            "",
            "Lists the JVMs of this user, one a line: pid, main class or jar, whether mcp-guard is loaded",
            "('mcp-guard <version>', 'mcp-guard <version> disabled', 'no mcp-guard' or why it cannot be told),",
            "and the MCP SDK it uses if known ('sdk ...' or 'sdk unknown').",
            "",
            "exit status: 0; 2 bad command line.");

    private ListCommand() {
    }

    static int run(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 0, 0);
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> jvms = VirtualMachine.list().stream()
                .filter(d -> !d.id().equals(Long.toString(self)))
                .sorted(Comparator.comparingLong(d -> pidOf(d)))
                .collect(Collectors.toList());
        for (VirtualMachineDescriptor jvm : jvms) {
            out.println(describe(jvm));
        }
        return 0;
    }

    private static String describe(VirtualMachineDescriptor jvm) {
        String main = mainOf(jvm.displayName());
        long pid = pidOf(jvm);
        if (pid < 0) {
            return jvm.id() + "\t" + main + "\tcannot tell (not a process id)\tsdk unknown";
        }
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String guard = target.guardVersion() == null ? "no mcp-guard"
                    : "mcp-guard " + target.guardVersion() + (target.guardActive() ? "" : " disabled");
            String sdk = target.sdk();
            return pid + "\t" + main + "\t" + guard + "\t" + (sdk == null ? "sdk unknown" : "sdk " + sdk);
        } catch (CliFailure e) {
            return pid + "\t" + main + "\tcannot tell: " + e.getMessage() + "\tsdk unknown";
        }
    }

    /** The first word of the JVM's command: its main class or jar, without the arguments. */
    static String mainOf(String displayName) {
        String trimmed = displayName == null ? "" : displayName.trim();
        if (trimmed.isEmpty()) {
            return "(unknown main)";
        }
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static long pidOf(VirtualMachineDescriptor jvm) {
        try {
            return Long.parseLong(jvm.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
