package dev.mcpguard.agent.cli;

import java.io.PrintStream;
import java.util.Set;

/**
 * {@code list}: the JVMs this user may attach to, those in containers included ({@link Jvms}), one a line,
 * tab-separated: pid, main class or jar, mcp-guard, SDK, and the client libraries mcp-guard guards there.
 * Each JVM is attached to briefly to read its system properties (as {@code jcmd <pid> VM.system_properties} does);
 * its command-line arguments are never printed, they may hold secrets.
 */
final class ListCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar list",
            "",
            "Lists the JVMs this user can attach to, those in containers included (by their pid here), one a",
            "line: pid, main class or jar, whether mcp-guard is loaded",
            "('mcp-guard <version>', 'mcp-guard <version> disabled', 'no mcp-guard' or why it cannot be told),",
            "the MCP SDK it uses if known ('sdk ...' or 'sdk unknown'), and the client libraries mcp-guard",
            "guards in it ('guarding <library> <version>, ...': the SDK, LangChain4j's client, Google ADK).",
            "",
            "exit status: 0; 2 bad command line.");

    private ListCommand() {
    }

    static int run(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 0, 0);
        for (Jvms.Found jvm : Jvms.all()) {
            out.println(describe(jvm));
        }
        return 0;
    }

    private static String describe(Jvms.Found jvm) {
        String main = jvm.main();
        try (TargetJvm target = TargetJvm.attach(jvm.pid())) {
            main = main != null ? main : target.main();
            String guard = target.guardVersion() == null ? "no mcp-guard"
                    : "mcp-guard " + target.guardVersion() + (target.guardActive() ? "" : " disabled");
            String sdk = target.sdk();
            String libraries = target.libraries();
            return jvm.pid() + "\t" + main + "\t" + guard + "\t" + (sdk == null ? "sdk unknown" : "sdk " + sdk)
                    + (libraries.isEmpty() ? "" : "\tguarding " + libraries);
        } catch (CliFailure e) {
            return jvm.pid() + "\t" + (main != null ? main : "(unknown main)") + "\tcannot tell: " + e.getMessage()
                    + "\tsdk unknown";
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

}
