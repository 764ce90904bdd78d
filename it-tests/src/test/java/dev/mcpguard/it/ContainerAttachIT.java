package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgentInItsOwnPidNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.app.AwaitsAttach;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.GuardCli;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.Namespaces;
import dev.mcpguard.it.harness.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line across a container boundary: the client JVM runs in mount, PID and network namespaces of its own
 * with a private /tmp ({@link Namespaces}), and the command runs outside, from a copy of the jar in this machine's
 * /tmp, which the JVM cannot see. It is addressed by its pid out here, as {@code ps} on the host shows it.
 */
class ContainerAttachIT {

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private Path cliDir;
    private Path cliJar;

    @BeforeEach
    void jarOutsideTheContainersView() throws IOException {
        Optional<String> unavailable = Namespaces.unavailable();
        assumeFalse(unavailable.isPresent(), unavailable::get);
        cliDir = Files.createTempDirectory(Paths.get("/tmp"), "mcp-guard-cli-");
        cliJar = cliDir.resolve("mcp-guard.jar");
        Files.copy(ItPaths.agentJar(), cliJar);
    }

    @AfterEach
    void deleteTheCopy() throws IOException {
        if (cliDir != null) {
            Files.deleteIfExists(cliJar);
            Files.deleteIfExists(cliDir);
        }
    }

    static Stream<Jdk> jdks() {
        return Stream.of(Jdk.CURRENT, Jdk.JDK_25);
    }

    /**
     * An attach whose start fails in the target leaves it attachable; the next attach starts mcp-guard with its
     * settings and leaves no file behind in the container; status reads it; a third attach is refused; the sessions
     * opened before are guarded at their close.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void attachAFailedAttachAndStatusIntoAJvmInItsOwnNamespaces(Jdk jdk) throws IOException {
        assumeTrue(jdk.available(), () -> jdk + " is not installed at " + jdk.home());
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = ForkedJvm.app(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "plain")).javaHome(jdk.home())
                    .wrappedIn(Namespaces.wrapper()).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);
            long pid = Namespaces.hostPid(app);
            boolean jarVisible = Files.exists(Paths.get("/proc/" + pid + "/root" + cliJar));

            GuardCli.Result failed = cli("attach", pid, "log.file=/nonexistent/mcp-guard.log");
            GuardCli.Result attach = cli("attach", pid, Forks.AGENT_ARGS);
            List<String> leftInTmp = handedFilesLeft(pid);
            GuardCli.Result status = cli("status", pid);
            GuardCli.Result again = cli("attach", pid);
            GuardCli.Result list = cli("list");
            Files.createFile(signal);
            JvmResult result = app.finish();

            assertFalse(jarVisible, "the JVM in its namespaces sees " + cliJar);
            assertEquals(1, failed.exitCode(), failed::describe);
            assertTrue(failed.stderr().get(0).contains("disabled itself in pid " + pid), failed::describe);
            assertTrue(failed.stderr().get(0).contains("attach again"), failed::describe);

            assertEquals(0, attach.exitCode(), attach::describe);
            assertTrue(attach.out().contains("started (agentmain"), attach::describe);
            assertTrue(attach.out().contains("close-timeout = 2s"), attach::describe);
            assertEquals(List.of(), leftInTmp);

            assertEquals(0, status.exitCode(), status::describe);
            assertTrue(status.stdout().get(0).contains("(agentmain)"), status::describe);
            assertEquals(4, again.exitCode(), again::describe);
            assertEquals(0, list.exitCode(), list::describe);
            assertEquals(1, list.stdout().stream().filter(l -> l.startsWith(pid + "\t" + AwaitsAttach.class.getName()
                    + "\tmcp-guard ")).count(), list::describe);

            assertCleanWithAgentInItsOwnPidNamespace(result);
            assertEquals("true", result.report().get("closedA"), result::describe);
            assertEquals("true", result.report().get("closedB"), result::describe);
            assertEquals(2, result.report().counter("sessions.adopted"), result::describe);
            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
        }
    }

    /**
     * A JVM started with -javaagent in its namespaces: status shows its two sessions, and doctor tells their servers
     * (pids out here) from leaked ones by the pids the agent knows them by in there.
     */
    @Test
    void statusAndDoctorOfAGuardedJvmInItsOwnNamespaces() throws IOException {
        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            Path signal = GuardCli.signalFile();
            ForkedJvm.Running app = Forks.guarded(AwaitsAttach.class,
                    endpoint.scenarioArgs(signal.toString(), "plain")).wrappedIn(Namespaces.wrapper()).start();
            app.awaitLine(AwaitsAttach.READY, READY_LIMIT);
            long pid = Namespaces.hostPid(app);

            GuardCli.Result status = cli("status", pid);
            GuardCli.Result doctor = cli("doctor", pid);
            List<String> leftInTmp = handedFilesLeft(pid);
            Files.createFile(signal);
            JvmResult result = app.finish();

            assertEquals(0, status.exitCode(), status::describe);
            assertTrue(status.stdout().contains("sessions open: 2"), status::describe);
            assertEquals(2, status.stdout().stream().filter(l -> l.matches(
                    "  #\\d+  StdioClientTransport  server node \\(pid \\d+\\)  owner mcp-guard-owner-\\d  age .*"))
                    .count(), status::describe);

            assertEquals(0, doctor.exitCode(), doctor::describe);
            assertTrue(doctor.stdout().get(0).startsWith("attach: possible"), doctor::describe);
            assertEquals(2, doctor.stdout().stream().filter(l -> l.matches(
                    "child: pid \\d+ \\(node.*\\): the server of open session #\\d+")).count(), doctor::describe);
            assertEquals(List.of(), leftInTmp);

            assertCleanWithAgentInItsOwnPidNamespace(result);
            assertEquals("true", result.report().get("closedA"), result::describe);
            assertEquals("true", result.report().get("closedB"), result::describe);
        }
    }

    private GuardCli.Result cli(Object... args) {
        return GuardCli.run(cliJar, Map.of(), args);
    }

    /** What the command handed over and should have deleted: settings files and jar copies in the JVM's /tmp. */
    private static List<String> handedFilesLeft(long pid) throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("/proc/" + pid + "/root/tmp"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("mcp-guard-"))
                    .collect(Collectors.toList());
        }
    }
}
