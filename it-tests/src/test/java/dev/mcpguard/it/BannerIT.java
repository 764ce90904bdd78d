package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.OldSdkHost;
import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.app.PlainHost;
import dev.mcpguard.it.harness.AgentLog;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.EverythingServer;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ScenarioReport;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the agent prints at start, on a host with the current SDK, without the SDK and with an old SDK. */
class BannerIT {

    static final List<String> CONFIGURATION_KEYS = List.of(
            "mcp.guard.enabled", "mcp.guard.configuration-file", "mcp.guard.strict", "mcp.guard.log.level",
            "mcp.guard.log.file", "mcp.guard.close-timeout", "mcp.guard.sessions.enabled");

    @Test
    void sdkHostGetsTheFullBannerAndAWorkingGuardedSession() {
        JvmResult result = ForkedJvm.app(OpenCallClose.class, "stdio", EverythingServer.stdioTarget()).withAgent().run();
        AgentLog log = result.agentLog();
        Supplier<String> output = result::describe;

        assertTrue(!log.lines().isEmpty() && log.lines().get(0).isBannerStart(), () -> "banner first\n" + output.get());
        assertEquals(1, log.bannerStarts().size(), output);
        assertTrue(hasBannerLine(log, "sdk: io.modelcontextprotocol.sdk:mcp-core " + ItPaths.sdkVersion() + " "),
                () -> "sdk line\n" + output.get());
        assertAll(CONFIGURATION_KEYS.stream().map(key -> () -> assertEquals("default",
                log.setting(key).orElseThrow(() -> new AssertionError("no banner line for " + key + "\n" + output.get()))
                        .source(), key)));
        assertTrue(hasBannerLine(log, "instrumentation sessions:"), () -> "sessions instrumentation\n" + output.get());
        // The SDK is checked and woven while the application starts, and said so once, after the banner.
        assertEquals(1, log.matching("INFO", "guarding io.modelcontextprotocol.sdk:mcp-core " + ItPaths.sdkVersion()
                + " on the system class path").size(), output);

        assertCleanWithAgent(result);
        ScenarioReport report = result.report();
        assertTrue(report.getLong("tools") > 0, output);
        assertEquals("ok", report.get("echo"), output);
        assertEquals("true", report.get("closed"), output);
        assertTrue(report.getLong("sessionsOpened") >= 1, output);
    }

    @Test
    void hostWithoutSdkSeesOnlyTheBanner() {
        JvmResult result = ForkedJvm.app(PlainHost.class).classpath(Classpaths.withoutSdk()).withAgent().run();
        AgentLog log = result.agentLog();
        Supplier<String> output = result::describe;

        assertEquals(1, log.bannerStarts().size(), output);
        assertEquals(log.lines(), log.bannerLines(), () -> "only banner lines\n" + output.get());
        assertTrue(hasBannerLine(log, "sdk: none"), () -> "sdk line\n" + output.get());
        assertTrue(result.stdout().contains(PlainHost.RAN), output);
        assertCleanWithAgent(result);
    }

    @Test
    void oldSdkGetsOneWarningAndRunsUnguarded() {
        JvmResult result = ForkedJvm.app(OldSdkHost.class, EverythingServer.stdioTarget())
                .classpath(Classpaths.withOldSdk()).withAgent().run();
        AgentLog log = result.agentLog();
        Supplier<String> output = result::describe;

        assertEquals(1, log.at("WARN").size(), output);
        String warning = log.at("WARN").get(0).message();
        assertTrue(warning.contains("0.10.0") && warning.contains("lacks") && warning.contains("leaves it untouched"),
                () -> "warning\n" + output.get());
        assertEquals(List.of(), log.at("ERROR"), output);

        assertCleanWithAgent(result);
        ScenarioReport report = result.report();
        assertEquals("true", report.get("asyncClientLoaded"), output);
        assertTrue(report.getLong("tools") > 0, output);
        assertEquals("true", report.get("closed"), output);
        assertEquals(0, report.getLong("sessionsOpened"), () -> "the agent left the old SDK untouched\n" + output.get());
    }

    private static boolean hasBannerLine(AgentLog log, String start) {
        return log.bannerLines().stream().anyMatch(line -> line.message().trim().startsWith(start));
    }
}
