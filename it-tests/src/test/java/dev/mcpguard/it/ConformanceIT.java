package dev.mcpguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcpguard.it.conformance.ConformanceClient;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.ConformanceOutcome;
import dev.mcpguard.it.harness.ConformanceSuite;
import dev.mcpguard.it.harness.ConformanceTable;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ItPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance gate: every client scenario of spec 2025-11-25 that a plain SDK client can attempt, run by the MCP
 * conformance suite against {@link ConformanceClient} without and with the agent, on the SDK the forks use (the
 * build's, or the one {@code -Dit.sdk} selects). Whatever passes without the agent must pass with it, and no check
 * that succeeds without it may fail with it. The results, per scenario and per check, are written to
 * target/conformance/sdk-&lt;version&gt;/results.md, which the README's table is made from.
 */
class ConformanceIT {

    /** The scenarios the client attempts, in the order the suite lists them. */
    private static final List<String> ATTEMPTED = List.of("initialize", "tools_call",
            "elicitation-sep1034-client-defaults", "sse-retry", "json-schema-2020-12-preservation");
    /**
     * Fails on the plain SDK: after the server ends the tool call's stream gracefully (it sent a priming event with
     * {@code retry: 500}), the client must come back with GET and Last-Event-ID after the retry delay; the SDK does
     * not, and the call's answer never arrives. Making it pass with the agent is issue #15 part 2; until then only the
     * baseline is asserted, and that the agent breaks none of its checks.
     */
    private static final String EXPECTED_FAILURE = "sse-retry";
    private static final String AUTH_PREFIX = "auth/";
    private static final String AUTH_SKIP_REASON = "needs an OAuth client (metadata discovery, client registration, "
            + "authorization code with PKCE, token exchange); the SDK has none, only a hook for a 401";

    private static final String SDK = ItPaths.sdkVersion();
    private static final ConformanceTable TABLE = new ConformanceTable(
            "SDK " + SDK + ", spec " + ConformanceSuite.REVISION + " (conformance suite, ConformanceIT)",
            resultsDir().resolve("results.md"));

    @TestFactory
    Stream<DynamicTest> everyClientScenarioOfTheRevision() {
        List<String> listed = ConformanceSuite.clientScenarios();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the suite still has every scenario the client attempts", () -> {
            Set<String> missing = ATTEMPTED.stream().filter(s -> !listed.contains(s)).collect(Collectors.toSet());
            assertTrue(missing.isEmpty(), () -> "the suite no longer lists " + missing + " for "
                    + ConformanceSuite.REVISION + "; it lists " + listed);
        }));
        for (String scenario : listed) {
            tests.add(DynamicTest.dynamicTest(scenario, () -> gate(scenario)));
        }
        return tests.stream();
    }

    private static void gate(String scenario) {
        if (scenario.startsWith(AUTH_PREFIX)) {
            TABLE.skipped(scenario, AUTH_SKIP_REASON);
            Assumptions.abort(AUTH_SKIP_REASON);
        }
        if (!ATTEMPTED.contains(scenario)) {
            fail("the suite has a client scenario for " + ConformanceSuite.REVISION + " that the gate neither runs nor "
                    + "skips with a reason: " + scenario + " (teach ConformanceClient to run it, or skip it here)");
        }
        ConformanceOutcome without = ConformanceSuite.run(scenario,
                ForkedJvm.app(ConformanceClient.class).withoutAgent().commandLine(), runDir(scenario, "without-agent"));
        ConformanceOutcome with = ConformanceSuite.run(scenario,
                ForkedJvm.app(ConformanceClient.class).withAgent(Forks.AGENT_ARGS).commandLine(),
                runDir(scenario, "with-agent"));
        TABLE.record(without, with);

        assertFalse(AgentLog.parse(with.clientStderr().lines().collect(Collectors.toList())).bannerStarts().isEmpty(),
                () -> "the client ran without the agent's banner: the agent was not loaded\n" + with.describe());
        if (scenario.equals(EXPECTED_FAILURE)) {
            // Expected failure, issue #15 part 2: the SDK ignores retry: and does not resume a gracefully closed
            // stream. The suite counts the client's own GET stream, opened after initialize, as the reconnection, so
            // client-sse-graceful-reconnect shows SUCCESS while the timing check sees a GET that came before the
            // close. Not asserted with the agent yet (part 2 will assert that it passes).
            assertFalse(without.passed(), () -> "sse-retry now passes on the plain SDK " + SDK + ": update the gate\n"
                    + without.describe());
            assertEquals("FAILURE", without.status("client-sse-retry-timing").orElse("(not made)"), without::describe);
        } else {
            assertTrue(without.passed(), () -> "the plain SDK " + SDK + " fails a scenario the gate expects it to pass "
                    + "(the client or the suite changed?)\n" + without.describe());
            assertTrue(with.passed(), () -> "passes without the agent, fails with it\nwith the agent: " + with.describe()
                    + "\n\nwithout the agent: " + without.describe());
        }
        Set<String> regressed = without.succeeded().stream().filter(id -> !with.succeeded().contains(id))
                .collect(Collectors.toSet());
        assertTrue(regressed.isEmpty(), () -> "checks that succeed without the agent and not with it: " + regressed
                + "\nwith the agent: " + with.describe());
    }

    private static Path resultsDir() {
        return ItPaths.itDir().resolve("conformance").resolve("sdk-" + SDK);
    }

    private static Path runDir(String scenario, String run) {
        return resultsDir().resolve(scenario.replace('/', '_')).resolve(run);
    }
}
