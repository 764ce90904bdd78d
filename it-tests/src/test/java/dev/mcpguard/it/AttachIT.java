package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static dev.mcpguard.it.harness.GuardAssertions.assertWithinCloseBound;
import static dev.mcpguard.it.harness.GuardAssertions.stderrContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.AwaitsAttach;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.GuardCli;
import dev.mcpguard.it.harness.JmxConnectors;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Leftovers;
import dev.mcpguard.it.harness.ScenarioReport;
import dev.mcpguard.it.harness.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mcp-guard attached with the command line to a client JVM that started without it and already has its sessions
 * open: the closes the SDK gets wrong then complete like under {@code -javaagent}; and the commands around it
 * (attach twice, a pid that is not there, list, status, doctor).
 */
class AttachIT {

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    static Stream<Arguments> attachCases() {
        return Stream.of(
                Arguments.of(Transport.STDIO, Jdk.CURRENT),
                Arguments.of(Transport.STREAMABLE, Jdk.CURRENT),
                Arguments.of(Transport.STDIO, Jdk.JDK_25));
    }

    /**
     * Sessions opened without the agent; attach; then session A is closed on an interrupted thread and session B
     * on a Reactor thread: both complete within the bound, nothing is left, the same checks as under -javaagent.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("attachCases")
    void sessionsOpenedBeforeAttachCloseFromAnInterruptedAndAReactorThread(Transport transport, Jdk jdk)
            throws IOException {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = transport.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = ForkedJvm.app(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "hard-closes")).javaHome(jdk.home()).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);

            GuardCli.Result attach = GuardCli.run("attach", app.pid(), Forks.AGENT_ARGS);
            Files.createFile(signal);
            JvmResult result = app.finish();
            System.out.println("attach to " + transport + " on " + jdk + ": " + attach.millis() + " ms wall clock; "
                    + attach.stdout().get(0));

            assertEquals(0, attach.exitCode(), attach::describe);
            assertTrue(attach.out().contains("started (agentmain"), attach::describe);
            assertTrue(attach.out().contains("retransformed"), attach::describe);
            assertTrue(attach.out().contains("close-timeout = 2s"), attach::describe);
            assertEquals(List.of(), attach.stderr(), attach::describe);

            assertCleanWithAgent(result);
            ScenarioReport report = result.report();
            assertEquals("true", report.get("closedA"), result::describe);
            assertEquals("true", report.get("interruptedAfter"), result::describe);
            assertWithinCloseBound(result, "closeAMs");
            assertTrue(report.get("closeBThread").startsWith("parallel-"), result::describe);
            assertEquals("true", report.get("closedB"), result::describe);
            assertEquals("true", report.get("settled"), result::describe);
            assertWithinCloseBound(result, "settledMs");
            assertEquals(0, report.getLong("serversAliveAfterClose"), result::describe);
            assertFalse(stderrContains(result, "Client didn't close within timeout"), result::describe);
            assertEquals(2, report.counter("sessions.adopted"), result::describe);
            assertEquals(2, report.counter("closes.marshalled"), result::describe);
            assertEquals(1, report.counter("closes.handed-over"), result::describe);
            if (jdk != Jdk.CURRENT) {
                // Java 21+ warns about the dynamically loaded agent; the command says so, and how to allow it.
                assertTrue(attach.out().contains("-XX:+EnableDynamicAgentLoading"), attach::describe);
            }
        }
    }

    /** A second attach is refused with one line and exit 4; the JVM goes on guarded; list and status show it. */
    @Test
    void attachTwiceIsRefusedAndTheTargetIsUnharmed() throws IOException {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = ForkedJvm.app(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "plain")).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);

            GuardCli.Result first = GuardCli.run("attach", app.pid(), Forks.AGENT_ARGS);
            GuardCli.Result second = GuardCli.run("attach", app.pid(), Forks.AGENT_ARGS);
            GuardCli.Result list = GuardCli.run("list");
            GuardCli.Result status = GuardCli.run("status", app.pid());
            String connector = JmxConnectors.localConnectorAddress(app.pid());
            Files.createFile(signal);
            JvmResult result = app.finish();

            assertEquals(0, first.exitCode(), first::describe);
            assertEquals(4, second.exitCode(), second::describe);
            assertEquals(1, second.stderr().size(), second::describe);
            assertTrue(second.stderr().get(0).contains("is already loaded in pid " + app.pid()), second::describe);

            assertEquals(0, list.exitCode(), list::describe);
            List<String> line = list.stdout().stream().filter(l -> l.startsWith(app.pid() + "\t"))
                    .collect(Collectors.toList());
            assertEquals(1, line.size(), list::describe);
            assertTrue(line.get(0).contains("\t" + AwaitsAttach.class.getName() + "\t"), list::describe);
            assertTrue(line.get(0).matches(".*\tmcp-guard \\S+\tsdk io\\.modelcontextprotocol\\.sdk:mcp-core .*"),
                    list::describe);

            assertEquals(0, status.exitCode(), status::describe);
            assertTrue(status.out().contains("(agentmain)"), status::describe);
            assertNull(connector, () -> "a local JMX connector is open at " + connector);

            assertCleanWithAgent(result);
            assertEquals("true", result.report().get("closedA"), result::describe);
            assertEquals("true", result.report().get("closedB"), result::describe);
            assertEquals(2, result.report().counter("sessions.adopted"), result::describe);
            assertEquals(1, result.stderr().stream().filter(l -> l.contains("started (agentmain")).count(),
                    result::describe);
        }
    }

    /**
     * A start that fails in the target only (its log file cannot be written there) installs nothing and gives up its
     * claim: the next attach starts mcp-guard, and the sessions are guarded as after any attach.
     */
    @Test
    void aFailedAttachLeavesTheJvmAttachable() throws IOException {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = ForkedJvm.app(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "plain")).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);

            GuardCli.Result failed = GuardCli.run("attach", app.pid(), "log.file=/nonexistent/mcp-guard.log");
            GuardCli.Result list = GuardCli.run("list");
            GuardCli.Result retry = GuardCli.run("attach", app.pid(), Forks.AGENT_ARGS);
            Files.createFile(signal);
            JvmResult result = app.finish();

            assertEquals(1, failed.exitCode(), failed::describe);
            assertEquals(1, failed.stderr().size(), failed::describe);
            assertTrue(failed.stderr().get(0).contains("disabled itself in pid " + app.pid() + ": configuration: "
                    + "mcp.guard.log.file"), failed::describe);
            assertTrue(failed.stderr().get(0).endsWith("attach again once that is fixed"), failed::describe);
            assertTrue(list.stdout().stream().anyMatch(l -> l.startsWith(app.pid() + "\t")
                    && l.contains("\tno mcp-guard\t")), list::describe);

            assertEquals(0, retry.exitCode(), retry::describe);
            assertTrue(retry.out().contains("started (agentmain"), retry::describe);
            assertCleanWithAgent(result);
            assertEquals(2, result.report().counter("sessions.adopted"), result::describe);
            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
        }
    }

    @Test
    void attachToAPidThatIsNotThereOrNotAJvm() throws Exception {
        GuardCli.Result missing = GuardCli.run("attach", 999_999_999L);
        assertEquals(3, missing.exitCode(), missing::describe);
        assertEquals(List.of("mcp-guard: no process has pid 999999999 ('list' shows the JVMs)"), missing.stderr(),
                missing::describe);
        assertEquals(List.of(), missing.stdout(), missing::describe);

        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            GuardCli.Result notJava = GuardCli.run("attach", sleep.pid());
            assertEquals(3, notJava.exitCode(), notJava::describe);
            assertEquals(1, notJava.stderr().size(), notJava::describe);
            assertTrue(notJava.stderr().get(0).contains("is not a Java VM"), notJava::describe);
            assertTrue(sleep.isAlive(), "the process was harmed");
        } finally {
            sleep.destroyForcibly();
        }

        GuardCli.Result notLoaded = GuardCli.run("status", ProcessHandle.current().pid());
        assertEquals(4, notLoaded.exitCode(), notLoaded::describe);
        assertTrue(notLoaded.stderr().get(0).contains("mcp-guard is not loaded in pid"), notLoaded::describe);
    }

    static Stream<Jdk> statusJdks() {
        return Stream.of(Jdk.CURRENT, Jdk.JDK_25);
    }

    /**
     * status, status --json and doctor of a JVM started with -javaagent, its two sessions open. They read the figures
     * through the attach mechanism: afterwards the JVM has no JMX connector (a local one, once started, could not be
     * stopped and would stay open to every user of the host for the JVM's life).
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("statusJdks")
    void statusReportsTheSessionsAndCountersOfALiveJvm(Jdk jdk) throws IOException {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = Forks.guarded(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "plain")).javaHome(jdk.home()).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);

            GuardCli.Result text = GuardCli.run("status", app.pid());
            GuardCli.Result json = GuardCli.run("status", "--json", app.pid());
            GuardCli.Result doctor = GuardCli.run("doctor", app.pid());
            String connector = JmxConnectors.localConnectorAddress(app.pid());
            String managementAgent = JmxConnectors.managementAgentStatus(app.pid());
            Files.createFile(signal);
            JvmResult result = app.finish();

            assertEquals(0, text.exitCode(), text::describe);
            assertTrue(text.stdout().get(0).startsWith("mcp-guard ") && text.stdout().get(0).contains("(premain)"),
                    text::describe);
            assertTrue(text.stdout().contains("sessions open: 2"), text::describe);
            assertEquals(2, text.stdout().stream().filter(l -> l.matches(
                    "  #\\d+  StdioClientTransport  server node \\(pid \\d+\\)  owner mcp-guard-owner-\\d  age .*"))
                    .count(), text::describe);
            assertTrue(text.stdout().contains("  sessions.opened 2"), text::describe);

            assertEquals(0, json.exitCode(), json::describe);
            assertEquals(1, json.stdout().size(), json::describe);
            String object = json.stdout().get(0);
            assertTrue(object.startsWith("{\"pid\":" + app.pid() + ","), json::describe);
            assertTrue(object.contains("\"sessionsOpen\":2,"), json::describe);
            assertTrue(object.contains("\"transport\":\"StdioClientTransport\""), json::describe);
            assertTrue(object.contains("\"sessions.opened\":2"), json::describe);
            assertTrue(object.endsWith(",\"adviceErrors\":0}"), json::describe);

            assertEquals(0, doctor.exitCode(), doctor::describe);
            assertEquals(2, doctor.stdout().stream().filter(l -> l.matches(
                    "child: pid \\d+ \\(node.*\\): the server of open session #\\d+")).count(), doctor::describe);

            assertNull(connector, () -> "a local JMX connector is open at " + connector + "\n" + result.describe());
            assertTrue(managementAgent.contains("Agent: disabled"), () -> managementAgent + "\n" + result.describe());
            // What a user of the guarded JVM sees of the three requests: nothing from mcp-guard (on Java 21+ the
            // JVM itself logs its warning about an agent loaded dynamically, once per request).
            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
            assertEquals(List.of(), result.agentLog().matching("INFO", "already running"), result::describe);
            System.out.println("the JVM's own warnings in the guarded JVM on " + jdk + " after status, status --json"
                    + " and doctor:");
            result.stderr().stream().filter(l -> l.startsWith("WARNING:")).forEach(l -> System.out.println("  " + l));

            assertCleanWithAgent(result);
        }
    }

    /** A session closed on an interrupted thread without the agent leaks its server: doctor points at it. */
    @Test
    void doctorFindsALeakedStdioChildInAnUnguardedJvm() throws IOException {
        JvmResult result = null;
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = Forks.baseline(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "leak")).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);

            GuardCli.Result doctor = GuardCli.run("doctor", app.pid());
            GuardCli.Result machine = GuardCli.run("doctor");
            String connector = JmxConnectors.localConnectorAddress(app.pid());
            Files.createFile(signal);
            result = app.finish();

            assertEquals(0, doctor.exitCode(), doctor::describe);
            // The Java of the JVM looked at, which a matrix cell may run on another JDK than this test's.
            String javaVersion = result.report().get("javaVersion");
            assertTrue(doctor.stdout().contains("attach: possible (Java " + javaVersion + ")"), doctor::describe);
            assertTrue(doctor.out().contains("mcp-guard: not loaded"), doctor::describe);
            // Session A's close was cancelled: its server is still a child, next to open session B's.
            assertEquals("false", result.report().get("closedA"), result::describe);
            assertEquals(2, doctor.stdout().stream().filter(l -> l.matches("child: pid \\d+ \\(node.*leaked.*"))
                    .count(), doctor::describe);
            assertTrue(doctor.stdout().stream().anyMatch(l -> l.matches(
                    "threads: \\d+ non-daemon threads run StdioClientTransport code \\(pool-\\d+-thread-\\d+.*")),
                    doctor::describe);

            assertNull(connector, () -> "doctor left a local JMX connector open at " + connector);

            assertEquals(0, machine.exitCode(), machine::describe);
            assertTrue(machine.stdout().get(0).startsWith("java: this command runs on Java"), machine::describe);
            assertTrue(machine.stdout().stream().anyMatch(l -> l.startsWith("jvm " + app.pid() + " ("
                    + AwaitsAttach.class.getName() + "): not guarded; 'doctor " + app.pid())), machine::describe);
        } finally {
            Leftovers.killReportedChildren(result);
        }
    }
}
