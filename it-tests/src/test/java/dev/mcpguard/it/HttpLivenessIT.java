package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertClean;
import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.StreamCutMidCall;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 item 1: a streamed call whose response stream the server cuts 500 ms in, on a server that sent no event
 * id to resume from, fails at once with the agent instead of waiting out its 10 s request timeout.
 */
class HttpLivenessIT {

    /** Far from the baseline: the request timeout is 10 s, the cut comes 0.5 s in. */
    private static final long AT_ONCE_MS = 2_000;
    private static final long STRANDED_MS = 8_000;

    @Test
    void withoutTheAgentACutStreamStrandsTheCallUntilItsTimeout() {
        try (EverythingServer server = EverythingServer.startOwn(ItPaths.cutStreamHttpServer())) {
            JvmResult result = ForkedJvm.app(StreamCutMidCall.class, server.url(), "cut").withoutAgent().run();
            assertClean(result);
            ScenarioReport report = result.report();
            assertTrue(report.getLong("endedAfterCutMs") >= STRANDED_MS, result::describe);
            assertTrue(report.get("call").contains("TimeoutException"), result::describe);
        }
    }

    @Test
    void withTheAgentACutStreamFailsItsCallAtOnceNamingTheServer() {
        try (EverythingServer server = EverythingServer.startOwn(ItPaths.cutStreamHttpServer())) {
            JvmResult result = ForkedJvm.app(StreamCutMidCall.class, server.url(), "cut").withAgent().run();
            assertCleanWithAgent(result);
            ScenarioReport report = result.report();
            assertTrue(report.getLong("endedAfterCutMs") < AT_ONCE_MS, result::describe);
            String call = report.get("call");
            assertTrue(call.contains("response stream") && call.contains(origin(server.url())), result::describe);
            assertTrue(report.get("counters").contains("http.streams.ended:1"), result::describe);
        }
    }

    @Test
    void switchedOffTheAgentLeavesTheCallToTheSdk() {
        try (EverythingServer server = EverythingServer.startOwn(ItPaths.cutStreamHttpServer())) {
            JvmResult result = ForkedJvm.app(StreamCutMidCall.class, server.url(), "cut")
                    .withAgent("http-liveness.enabled=false").run();
            assertCleanWithAgent(result);
            ScenarioReport report = result.report();
            assertTrue(report.getLong("endedAfterCutMs") >= STRANDED_MS, result::describe);
            assertTrue(report.get("call").contains("TimeoutException"), result::describe);
        }
    }

    /**
     * Where the stream carried event ids and the server could replay it, no SDK line asks (each POST event is
     * consumed as a stream of its own, whose end never starts a resumption): the call is stranded as well, and the
     * agent, which stays out of a resumption the SDK starts, sees none and fails it at once.
     */
    @Test
    void aStreamWithEventIdsIsNeverResumedByTheSdkSoItFailsAtOnceToo() {
        try (EverythingServer server = EverythingServer.startOwn(ItPaths.cutStreamHttpServer())) {
            JvmResult baseline = ForkedJvm.app(StreamCutMidCall.class, server.url(), "cut-replayable")
                    .withoutAgent().run();
            JvmResult guarded = ForkedJvm.app(StreamCutMidCall.class, server.url(), "cut-replayable")
                    .withAgent().run();

            assertClean(baseline);
            ScenarioReport before = baseline.report();
            assertEquals("0", before.get("replays"), baseline::describe);
            assertTrue(before.getLong("endedAfterCutMs") >= STRANDED_MS, baseline::describe);
            assertTrue(before.get("call").contains("TimeoutException"), baseline::describe);

            assertCleanWithAgent(guarded);
            ScenarioReport after = guarded.report();
            assertEquals("0", after.get("replays"), guarded::describe);
            assertTrue(after.getLong("endedAfterCutMs") < AT_ONCE_MS, guarded::describe);
            assertTrue(after.get("call").contains("response stream"), guarded::describe);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what the agent names a server by. */
    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
