package dev.mcpguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpguard.it.harness.Await;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.Jdk;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ProcessTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo gateway's scenarios, as a user runs them from the README: without the agent they show the defect,
 * with the agent and the demo's properties file they show the cure. Every scenario has its run with the agent;
 * planned-reconnects, frozen-server and exit-without-close also their baseline. server-restarted has no defect
 * to cure on SDK 2.1; its run checks that the agent does not get in the way.
 */
class DemoIT {

    private static final Path DEMO_APP = ItPaths.serversDir().getParent();
    private static final List<Path> DEMO_JAR = List.of(DEMO_APP.resolve("target/mcp-guard-demo.jar"));
    private static final String AGENT_ARGS = "config=" + DEMO_APP.resolve("mcp-guard.properties");
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** The scenarios driving one failure are bounded well below this, with or without the agent. */
    private static final Duration SCENARIO_LIMIT = Duration.ofSeconds(60);
    /** demo-app/mcp-guard.properties leaves close-timeout at its default, 5 s; a forced end gets 1 s more. */
    private static final double CLOSE_BOUND_SECONDS = 5 + 1;
    /** The demo's request timeout (McpServerConnection.REQUEST_TIMEOUT). */
    private static final double REQUEST_TIMEOUT_SECONDS = 15;
    /** "At once" is anything well below the request timeout. */
    private static final double AT_ONCE_SECONDS = 2;
    /** The SDK's own, fixed closeGracefully() wait. */
    private static final double SDK_CLOSE_WAIT_SECONDS = 10;
    private static final String NO_LEAKS = "  leaks            child processes 0, non-daemon threads 0";

    private static ForkedJvm demo(String... args) {
        return new ForkedJvm().classpath(DEMO_JAR).main("dev.mcpguard.demo.DemoGateway", args);
    }

    /** Its chart shows both servers given up after 5 counted failures. */
    @Test
    void withoutTheAgentPlannedReconnectsLoseTheServers(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("chart.svg");
        JvmResult result = demo("--scenario", "planned-reconnects", "--reconnects", "8", "--chart", chart.toString())
                .withoutAgent().run(LIMIT);
        assertEquals(Integer.valueOf(1), result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("  servers lost     2 of 2"), result::describe);
        String svg = Files.readString(chart);
        assertEquals(2, count(svg, "class=\"given-up\""), svg);
        assertEquals(2 * 5, count(svg, "class=\"failure\""), svg);
    }

    /** Its chart shows every planned reconnect of both servers and no counted failure. */
    @Test
    void withTheAgentTheDemoKeepsEveryServerAndLeaksNothing(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("chart.svg");
        JvmResult result = demo("--scenario", "planned-reconnects", "--reconnects", "8", "--chart", chart.toString())
                .withAgent(AGENT_ARGS).run(LIMIT);
        assertEquals(Integer.valueOf(0), result.exitCode(), result::describe);
        String svg = Files.readString(chart);
        assertEquals(2 * 8, count(svg, "class=\"planned\""), svg);
        assertEquals(0, count(svg, "class=\"failure\""), svg);
        assertTrue(result.stdout().contains("  servers lost     0 of 2"), result::describe);
        assertTrue(result.stdout().contains(NO_LEAKS), result::describe);
        assertTrue(result.stdout().stream().filter(line -> line.contains("planned reconnects  8, failures counted 0, kept"))
                .count() == 2, result::describe);
    }

    /**
     * A loop that reaches the run's time cap before its count stops after its session in progress and says so: no
     * failure counted, no server given up, nothing leaked; the exit code still tells that the count was not reached.
     */
    @Test
    void aLoopStoppedAtTheTimeCapCountsNoFailure() {
        JvmResult result = demo("--scenario", "planned-reconnects", "--reconnects", "1000", "--time-cap", "8")
                .withAgent(AGENT_ARGS).run(LIMIT);
        assertEquals(Integer.valueOf(1), result.exitCode(), result::describe);
        Pattern capped = Pattern.compile("  (stdio|streamable-http) +planned reconnects +\\d+, failures counted 0, kept;"
                + " stopped at the time cap \\(8 s\\) after \\d+ of 1000 planned reconnects");
        assertEquals(2, result.stdout().stream().filter(line -> capped.matcher(line).matches()).count(),
                result::describe);
        assertTrue(result.stdout().contains("  servers lost     0 of 2"), result::describe);
        assertTrue(result.stdout().contains(NO_LEAKS), result::describe);
    }

    /**
     * A servers file replaces the embedded pair: a stdio server the gateway starts by its command line and a Streamable
     * HTTP server already listening at a URL, both served in basic and kept through planned reconnects.
     */
    @Test
    void theServersOfAServersFileAreServedAndKept(@TempDir Path dir) throws IOException {
        try (EverythingServer http = EverythingServer.start(EverythingServer.Mode.STREAMABLE_HTTP)) {
            Path file = dir.resolve("servers.properties");
            Files.writeString(file, "# a stdio server and one already listening\n"
                    // The command line is split at white space: a checkout path with a space would not do here.
                    + "local.command = " + String.join(" ", EverythingServer.stdioCommand()) + "\n"
                    + "remote.url = " + http.url() + "/mcp\n");

            JvmResult basic = demo("--servers-file", file.toString(), "--calls", "3").withoutAgent().run(LIMIT);
            assertEquals(Integer.valueOf(0), basic.exitCode(), basic::describe);
            assertTrue(basic.stdout().contains("  local            calls ok 3, failed 0"), basic::describe);
            assertTrue(basic.stdout().contains("  remote           calls ok 3, failed 0"), basic::describe);

            JvmResult planned = demo("--servers-file", file.toString(), "--scenario", "planned-reconnects",
                    "--reconnects", "4").withAgent(AGENT_ARGS).run(LIMIT);
            assertEquals(Integer.valueOf(0), planned.exitCode(), planned::describe);
            assertTrue(planned.stdout().contains("  servers lost     0 of 2"), planned::describe);
            assertTrue(planned.stdout().contains(NO_LEAKS), planned::describe);
        }
    }

    @Test
    void aMistakeInTheServersFileNamesTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("servers.properties");
        Files.writeString(file, "remote.uri = http://127.0.0.1:1/mcp\n");
        JvmResult result = demo("--servers-file", file.toString()).withoutAgent().run(LIMIT);
        assertEquals(Integer.valueOf(2), result.exitCode(), result::describe);
        assertTrue(result.stderr().stream().anyMatch(line -> line.contains("key 'remote.uri' is not <name>.command or"
                + " <name>.url")), result::describe);
    }

    /**
     * The gateway on LangChain4j's client, a client per conversation: on JDK 17 each Streamable HTTP client leaves its
     * HttpClient threads behind without the agent (LangChain4j ends them on JDK 21+ only); with it none is left.
     */
    @Test
    void onLangChain4jsClientTheConversationsLeaveNoHttpClientThreadWithTheAgent() {
        assumeTrue(Jdk.CURRENT.feature() < 21, "LangChain4j ends its HttpClient itself on JDK 21+");
        JvmResult without = demo("--client", "langchain4j").withoutAgent().run(LIMIT);
        assertEquals(Integer.valueOf(1), without.exitCode(), without::describe);
        assertTrue(without.stdout().contains("  streamable-http  conversations ok 6, failed 0"), without::describe);
        Matcher leaks = line(without, "  leaks            child processes 0, non-daemon threads 0, HttpClient threads (\\d+)");
        assertTrue(Integer.parseInt(leaks.group(1)) > 0, without::describe);

        JvmResult with = demo("--client", "langchain4j").withAgent(AGENT_ARGS).run(LIMIT);
        assertEquals(Integer.valueOf(0), with.exitCode(), with::describe);
        assertTrue(with.stdout().contains("  stdio            conversations ok 6, failed 0"), with::describe);
        assertTrue(with.stdout().contains("  streamable-http  conversations ok 6, failed 0"), with::describe);
        assertTrue(with.stdout().contains(
                "  leaks            child processes 0, non-daemon threads 0, HttpClient threads 0"), with::describe);
    }

    /** R5 in the demo: closing the frozen server takes the SDK's 10 s and leaves the server and 3 threads behind. */
    @Test
    void withoutTheAgentAFrozenServerTakesTenSecondsToCloseAndStaysBehind() {
        JvmResult result = null;
        try {
            result = demo("--scenario", "frozen-server").withoutAgent().run(SCENARIO_LIMIT);
            assertRan(result);
            JvmResult r = result;
            Matcher close = line(result, "  close            took ([0-9.]+) s, closeGracefully returned (\\w+)");
            assertTrue(Double.parseDouble(close.group(1)) >= SDK_CLOSE_WAIT_SECONDS - 0.5, r::describe);
            assertEquals("false", close.group(2), r::describe);
            assertTrue(result.stdout().contains("  leaks            child processes 1, non-daemon threads 3"), r::describe);
            // The demo kills the server it froze once it has counted it.
            assertTrue(frozenServerGone(result), r::describe);
        } finally {
            killFrozenServer(result);
        }
    }

    @Test
    void withTheAgentAFrozenServerIsClosedWithinTheCloseTimeoutAndLeavesNothing() {
        JvmResult result = null;
        try {
            result = demo("--scenario", "frozen-server").withAgent(AGENT_ARGS).run(SCENARIO_LIMIT);
            assertRan(result);
            JvmResult r = result;
            Matcher close = line(result, "  close            took ([0-9.]+) s, closeGracefully returned (\\w+)");
            assertTrue(Double.parseDouble(close.group(1)) <= CLOSE_BOUND_SECONDS, r::describe);
            assertEquals("true", close.group(2), r::describe);
            assertTrue(result.stdout().contains("  stdio            froze with 2 calls in flight, failures counted 1, kept"),
                    r::describe);
            line(result, "  back in service  [0-9.]+ s after the freeze");
            assertTrue(result.stdout().contains("  servers lost     0 of 1"), r::describe);
            assertTrue(result.stdout().contains(NO_LEAKS), r::describe);
            assertTrue(frozenServerGone(result), r::describe);
        } finally {
            killFrozenServer(result);
        }
    }

    @Test
    void withTheAgentAKilledServerFailsTheCallInFlightAtOnce() {
        JvmResult result = demo("--scenario", "server-killed").withAgent(AGENT_ARGS).run(SCENARIO_LIMIT);
        assertRan(result);
        Matcher call = line(result, "  call in flight   failed ([0-9.]+) s after the kill \\((.*)\\)");
        assertTrue(Double.parseDouble(call.group(1)) < AT_ONCE_SECONDS, result::describe);
        assertTrue(call.group(2).contains("exited with code 137"), result::describe);
        Matcher back = line(result, "  back in service  ([0-9.]+) s after the kill");
        assertTrue(Double.parseDouble(back.group(1)) < REQUEST_TIMEOUT_SECONDS, result::describe);
        assertTrue(result.stdout().contains("  stdio            killed with 1 call in flight, failures counted 1, kept"),
                result::describe);
        assertTrue(result.stdout().contains(NO_LEAKS), result::describe);
    }

    @Test
    void withTheAgentClosesOnAReactorThreadSucceedAndNoServerIsLost() {
        JvmResult result = demo("--scenario", "reactor-close", "--reconnects", "6").withAgent(AGENT_ARGS).run(SCENARIO_LIMIT);
        assertRan(result);
        assertEquals(2, result.stdout().stream().filter(line -> line.contains(
                "planned reconnects  6, closes on parallel-N reported failed 0 of 6, failures counted 0, kept")).count(),
                result::describe);
        assertTrue(result.stdout().contains("  servers lost     0 of 2"), result::describe);
        assertTrue(result.stdout().contains(NO_LEAKS), result::describe);
    }

    /** SDK 2.1 recovers from a restarted server by itself; the agent counts that real failure and does not slow it. */
    @Test
    void withTheAgentARestartedServerIsBackInServiceAtOnce() {
        JvmResult result = demo("--scenario", "server-restarted").withAgent(AGENT_ARGS).run(SCENARIO_LIMIT);
        assertRan(result);
        Matcher back = line(result, "  back in service  ([0-9.]+) s after the restart");
        assertTrue(Double.parseDouble(back.group(1)) < AT_ONCE_SECONDS, result::describe);
        assertTrue(result.stdout().contains("  servers lost     0 of 1"), result::describe);
        assertTrue(result.stdout().contains(NO_LEAKS), result::describe);
    }

    /** R9 in the demo: main returned, but the stdio transport's threads keep the gateway's JVM alive. */
    @Test
    void withoutTheAgentAGatewayThatDoesNotCloseDoesNotExit() {
        JvmResult result = null;
        try {
            result = demo("--scenario", "exit-without-close").withoutAgent().run(SCENARIO_LIMIT);
            assertRan(result);
            JvmResult r = result;
            line(result, "  gateway process  still running [0-9.]+ s after main returned; the demo stopped it");
            assertTrue(result.stdout().contains("  leaks            child processes 1, non-daemon threads 3"), r::describe);
            assertTrue(gatewayServersGone(result), r::describe);
        } finally {
            killGatewayServers(result);
        }
    }

    @Test
    void withTheAgentAGatewayThatDoesNotCloseExitsAndLeavesNothing() {
        JvmResult result = null;
        try {
            result = demo("--scenario", "exit-without-close").withAgent(AGENT_ARGS).run(SCENARIO_LIMIT);
            assertRan(result);
            JvmResult r = result;
            Matcher exited = line(result, "  gateway process  exited by itself ([0-9.]+) s after main returned \\(exit code 0\\)");
            assertTrue(Double.parseDouble(exited.group(1)) <= CLOSE_BOUND_SECONDS, r::describe);
            assertTrue(result.stdout().contains("  server process   gone when the gateway exited"), r::describe);
            assertTrue(result.stdout().contains(NO_LEAKS), r::describe);
            assertTrue(gatewayServersGone(result), r::describe);
        } finally {
            killGatewayServers(result);
        }
    }

    /** The failure scenarios exit 0 once they ran to their summary, whatever it shows; in bounded time in any case. */
    private static void assertRan(JvmResult result) {
        assertTrue(result.exitedByItself(), result::describe);
        assertEquals(Integer.valueOf(0), result.exitCode(), result::describe);
        assertTrue(result.stdout().stream().anyMatch(line -> line.startsWith("Summary (")), result::describe);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** The stdout line matching {@code regex} as a whole; fails the test if there is none. */
    private static Matcher line(JvmResult result, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : result.stdout()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        throw new AssertionError("no line matching " + regex + "\n" + result.describe());
    }

    private static List<Long> pids(JvmResult result, String regex) {
        if (result == null) {
            return List.of();
        }
        Pattern pattern = Pattern.compile(regex);
        List<Long> pids = new ArrayList<>();
        for (String line : result.stdout()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                for (String pid : matcher.group(1).split(",")) {
                    if (!pid.isBlank()) {
                        pids.add(Long.parseLong(pid.trim()));
                    }
                }
            }
        }
        return pids;
    }

    /** "server frozen (SIGSTOP to pid N)" */
    private static List<Long> frozenServers(JvmResult result) {
        return pids(result, "server frozen \\(SIGSTOP to pid (\\d+)\\)");
    }

    /** "main returns with the session open, server processes [N]" */
    private static List<Long> gatewayServers(JvmResult result) {
        return pids(result, "main returns with the session open, server processes \\[([0-9, ]*)\\]");
    }

    private static boolean frozenServerGone(JvmResult result) {
        List<Long> frozen = frozenServers(result);
        return !frozen.isEmpty() && allGone(frozen);
    }

    private static boolean gatewayServersGone(JvmResult result) {
        List<Long> servers = gatewayServers(result);
        return !servers.isEmpty() && allGone(servers);
    }

    /** Gone within a few seconds: a server that exited with its JVM may still be waiting to be reaped. */
    private static boolean allGone(List<Long> pids) {
        return Await.until(() -> alive(pids, Optional.empty()).isEmpty(), Duration.ofSeconds(5));
    }

    /** Started before the demo ended: a live pid that started later belongs to someone else. */
    private static List<ProcessHandle> alive(List<Long> pids, Optional<JvmResult> startedBefore) {
        return pids.stream()
                .map(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessTrees::running)
                .filter(process -> startedBefore.map(result -> process.info().startInstant()
                        .map(start -> start.isBefore(result.endedAt())).orElse(false)).orElse(true))
                .collect(Collectors.toList());
    }

    private static void killFrozenServer(JvmResult result) {
        alive(frozenServers(result), Optional.ofNullable(result)).forEach(ProcessHandle::destroyForcibly);
    }

    private static void killGatewayServers(JvmResult result) {
        alive(gatewayServers(result), Optional.ofNullable(result)).forEach(ProcessHandle::destroyForcibly);
    }
}
