package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.agent.status.StatusSnapshot;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code doctor [<pid>]}: looks for what mcp-guard fixes, in one JVM or on this machine, and says it in plain
 * words, one finding a line. It only reads: thread stacks, child processes and system properties, all through the
 * attach connection, starting nothing in the JVM; it never prints a command line's arguments or an environment.
 */
final class DoctorCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar doctor [<pid>]",
            "",
            "With a pid: checks that running JVM for what mcp-guard fixes: whether it is loaded, the MCP SDK,",
            "live stdio sessions, non-daemon SDK threads that keep the JVM from exiting, stdio server processes",
            "(and, with mcp-guard loaded, those no open session owns: leaked), and whether attach is possible.",
            "It reads through the attach mechanism only (thread dump, flags, system properties) and starts",
            "nothing in the JVM.",
            "Without: checks this machine: the attach module, and each JVM this user can attach to (those in",
            "containers included) in one line.",
            "",
            "exit status: 0 checked (findings are on standard output); 2 bad command line; 3 no process has that pid.");


    private DoctorCommand() {
    }

    static int run(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 0, 1);
        List<String> findings = line.operands().isEmpty() ? machine() : jvm(line.pid(0));
        findings.forEach(out::println);
        return 0;
    }

    private static List<String> machine() {
        List<String> findings = new ArrayList<>();
        findings.add("java: this command runs on Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + "); its attach module (jdk.attach) is present");
        List<Jvms.Found> jvms = Jvms.all();
        if (jvms.isEmpty()) {
            findings.add("jvms: no other JVM of this user is running");
        }
        for (Jvms.Found jvm : jvms) {
            String main = jvm.main() != null ? jvm.main() : "(unknown main)";
            String id = Long.toString(jvm.pid());
            try (TargetJvm target = TargetJvm.attach(jvm.pid())) {
                main = jvm.main() != null ? main : target.main();
                String sdk = target.sdk();
                String verdict;
                if (target.guardVersion() != null) {
                    verdict = "guarded by mcp-guard " + target.guardVersion()
                            + (target.guardActive() ? "" : " (disabled)");
                } else if (sdk != null) {
                    verdict = "not guarded; 'doctor " + id + "' checks it, 'attach " + id + "' guards it";
                } else {
                    verdict = "not guarded; no MCP SDK seen on its class path";
                }
                findings.add("jvm " + id + " (" + main + "): " + verdict + (sdk == null ? "" : "; sdk " + sdk));
            } catch (CliFailure | RuntimeException e) {
                findings.add("jvm " + id + " (" + main + "): cannot be checked: " + e.getMessage());
            }
        }
        return findings;
    }

    private static List<String> jvm(long pid) throws CliFailure {
        List<String> findings = new ArrayList<>();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            findings.add("attach: possible (Java " + target.javaVersion() + ")");
            String version = target.guardVersion();
            boolean guarded = version != null && target.guardActive();
            if (version == null) {
                findings.add("mcp-guard: not loaded; 'java -jar mcp-guard.jar attach " + pid + "' guards its MCP"
                        + " sessions (those open now from their next close)");
            } else {
                findings.add("mcp-guard: " + version + (guarded ? " is active; 'status " + pid
                        + "' shows its sessions and counters" : " is loaded but disabled itself: "
                        + String.join(" ", target.guardSummary())));
            }
            String sdk = target.sdk();
            findings.add(sdk != null ? "sdk: " + sdk
                    : "sdk: none seen on the class path (a fat jar hides it; the threads below show whether it runs)");
            if (version == null && target.javaFeature() >= 21) {
                findings.add(dynamicAgentLoading(target));
            }
            try {
                findings.addAll(threads(ThreadDump.parse(target.diagnosticCommand("Thread.print"))));
            } catch (CliFailure e) {
                findings.add("threads: cannot be read: " + e.getMessage());
            }
            StatusSnapshot figures = null;
            if (guarded) {
                try {
                    figures = StatusRequest.ask(target);
                } catch (CliFailure e) {
                    findings.add("mcp-guard: its sessions cannot be read: " + e.getMessage());
                }
            }
            findings.addAll(children(aliveChildren(pid), figures));
        } catch (CliFailure e) {
            if (ProcessHandle.of(pid).isEmpty()) {
                throw e;
            }
            findings.add("attach: not possible: " + e.getMessage());
            findings.addAll(children(aliveChildren(pid), null));
        }
        return findings;
    }

    private static String dynamicAgentLoading(TargetJvm target) throws CliFailure {
        int feature = target.javaFeature();
        String flag;
        try {
            flag = target.diagnosticCommand("VM.flags -all").lines()
                    .filter(l -> l.contains(" EnableDynamicAgentLoading ")).findFirst().orElse("");
        } catch (CliFailure e) {
            flag = "";
        }
        if (flag.isEmpty()) {
            return "attach: Java " + feature + " may log a warning when mcp-guard is attached;"
                    + " -XX:+EnableDynamicAgentLoading allows it silently";
        }
        if (flag.matches(".*=\\s*false\\b.*")) {
            return "attach: -XX:-EnableDynamicAgentLoading forbids loading mcp-guard into it; start it with"
                    + " -javaagent:mcp-guard.jar instead";
        }
        // On by default, but only an explicit flag silences the warning.
        return !flag.contains("{default}")
                ? "attach: -XX:+EnableDynamicAgentLoading is set; attaching mcp-guard prints no warning"
                : "attach: Java " + feature + " will log a warning when mcp-guard is attached (an agent loaded"
                + " dynamically); -XX:+EnableDynamicAgentLoading on its command line allows it silently";
    }

    private static List<String> threads(ThreadDump dump) {
        List<String> findings = new ArrayList<>();
        List<ThreadDump.DumpedThread> stdio = new ArrayList<>();
        int readers = 0;
        boolean sdkRuns = false;
        long selectors = 0;
        for (ThreadDump.DumpedThread thread : dump.threads()) {
            sdkRuns |= thread.runs(Sdk.PACKAGE);
            if (thread.runs(Sdk.STDIO_TRANSPORT)) {
                stdio.add(thread);
                if (thread.runsMethod(Sdk.STDIO_TRANSPORT, "InboundProcessing")) {
                    readers++;
                }
            }
            if (thread.name().matches("HttpClient-\\d+-SelectorManager")) {
                selectors++;
            }
        }
        List<String> nonDaemon = stdio.stream().filter(t -> !t.daemon()).map(ThreadDump.DumpedThread::name)
                .sorted().collect(Collectors.toList());
        if (readers > 0) {
            findings.add("sessions: " + readers + " stdio MCP session" + (readers == 1 ? "" : "s")
                    + " reading from a server (one reader thread each)");
        }
        if (!nonDaemon.isEmpty()) {
            findings.add("threads: " + nonDaemon.size() + " non-daemon thread" + (nonDaemon.size() == 1 ? "" : "s")
                    + " run StdioClientTransport code (" + String.join(", ", nonDaemon) + "): they keep the JVM from"
                    + " exiting until their client is closed, and stay for good if a close is cancelled (an"
                    + " interrupted closer); mcp-guard makes them daemon threads for sessions opened after it loads");
        } else if (!stdio.isEmpty()) {
            findings.add("threads: " + stdio.size() + " stdio transport thread" + (stdio.size() == 1 ? "" : "s")
                    + ", all daemon threads (mcp-guard's): they cannot keep the JVM from exiting");
        } else {
            findings.add("threads: no thread runs stdio transport code" + (sdkRuns ? "" : ", nor any MCP SDK code"));
        }
        if (selectors > 0 && sdkRuns) {
            findings.add("threads: " + selectors + " JDK HttpClient selector thread" + (selectors == 1 ? "" : "s")
                    + "; each SDK HTTP transport starts an HttpClient it never closes (java-sdk #620), mcp-guard"
                    + " shuts it down with its session on Java 21+");
        }
        return findings;
    }

    private static List<ProcessHandle> aliveChildren(long pid) {
        return ProcessHandle.of(pid).map(p -> p.children().filter(ProcessHandle::isAlive)
                .collect(Collectors.toList())).orElse(List.of());
    }

    /** @param figures the guard's figures when it is active: a child no open session names is leaked */
    private static List<String> children(List<ProcessHandle> children, StatusSnapshot figures) {
        List<String> findings = new ArrayList<>();
        if (children.isEmpty()) {
            findings.add("children: no child process (so no stdio MCP server running)");
        }
        for (ProcessHandle child : children) {
            String name = child.info().command().map(c -> Paths.get(c).getFileName().toString()).orElse("unknown");
            String age = child.info().startInstant()
                    .map(s -> ", running " + Duration.between(s, Instant.now()).toSeconds() + " s").orElse("");
            String what;
            if (figures == null) {
                what = ": a stdio MCP server while its session is open; if its client was closed, it was leaked"
                        + " (a close cancelled by an interrupt, or a server ignoring SIGTERM)";
            } else {
                // The agent names a server by the pid it has where the JVM runs, which in a container is not ours.
                String mark = "(pid " + LinuxProcess.of(child.pid()).map(LinuxProcess::namespacePid)
                        .orElse(child.pid()) + ")";
                what = figures.sessions().stream().filter(s -> s.getServer().contains(mark)).findFirst()
                        .map(s -> ": the server of open session #" + s.getId())
                        .orElse(": no open session of mcp-guard owns it: leaked, or its session opened before"
                                + " mcp-guard was attached and has not been closed yet");
            }
            findings.add("child: pid " + child.pid() + " (" + name + age + ")" + what);
        }
        return findings;
    }
}
