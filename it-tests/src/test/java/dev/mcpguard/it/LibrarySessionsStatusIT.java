package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertNoAdviceErrors;
import static dev.mcpguard.it.harness.GuardAssertions.assertSucceeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcpguard.it.app.AdkHostApp;
import dev.mcpguard.it.app.AwaitsAttach;
import dev.mcpguard.it.app.LangChain4jHostApp;
import dev.mcpguard.it.harness.Classpaths;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.GuardCli;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code list}, {@code status} and {@code doctor} show the sessions of LangChain4j's client and of an ADK toolset as
 * they show the SDK's (AttachIT): the session with its transport, server and owner, the server as that session's
 * child.
 */
class LibrarySessionsStatusIT {

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    @BeforeEach
    void onlyOnTheBuildsOwnSdk() {
        // The hosts bring their own client library; an SDK matrix run selecting another SDK would only repeat them.
        assumeFalse(ItPaths.selectedSdk().isPresent(), "the hosts do not use the build's SDK");
    }

    @Test
    void aLangChain4jClientIsShownLikeAnSdkSession() throws Exception {
        Path signal = GuardCli.signalFile();
        ForkedJvm.Running app = Forks.guarded(LangChain4jHostApp.class, "HeldOpen", "node",
                ItPaths.everythingIndexJs().toString(), signal.toString())
                .classpath(Classpaths.langchain4jHost()).start();
        assertShownLikeAnSdkSession(app, signal, "StdioMcpTransport", "dev.langchain4j:langchain4j-mcp ");
    }

    @Test
    void anAdkToolsetsSessionIsShownLikeAnSdkSession() throws Exception {
        Path signal = GuardCli.signalFile();
        ForkedJvm.Running app = Forks.guarded(AdkHostApp.class, "HeldOpen", "sync", "node",
                ItPaths.everythingIndexJs().toString(), signal.toString())
                .classpath(Classpaths.host("adk")).start();
        assertShownLikeAnSdkSession(app, signal, "StdioClientTransport", "io.modelcontextprotocol.sdk:mcp-core 1.1.2",
                "com.google.adk:google-adk 1.8.0");
    }

    /** @param guarded each library the list must say is guarded, in whatever order they were found */
    private static void assertShownLikeAnSdkSession(ForkedJvm.Running app, Path signal, String transport,
            String... guarded) throws Exception {
        app.awaitLine(AwaitsAttach.READY, READY_LIMIT);
        GuardCli.Result list = GuardCli.run("list");
        GuardCli.Result status = GuardCli.run("status", app.pid());
        GuardCli.Result doctor = GuardCli.run("doctor", app.pid());
        Files.createFile(signal);
        JvmResult result = app.finish();

        assertSucceeded(result);
        assertNoAdviceErrors(result);
        assertTrue(list.stdout().stream().anyMatch(l -> l.startsWith(app.pid() + "\t") && l.contains("\tguarding ")
                && Arrays.stream(guarded).allMatch(l.substring(l.indexOf("\tguarding "))::contains)), list::describe);
        assertEquals(0, status.exitCode(), status::describe);
        // One session, or more when the library's own retry made another while a loaded machine started the server
        // slowly (ADK's getTools drops its session and makes a new one): each is shown, with its server as its child.
        long open = status.stdout().stream().filter(l -> l.matches(
                "  #\\d+  " + transport + "  server node \\(pid \\d+\\)  owner mcp-guard-owner-\\d  age .*"))
                .count();
        assertTrue(open >= 1 && status.stdout().contains("sessions open: " + open),
                () -> status.describe() + "\n" + result.describe());
        assertEquals(0, doctor.exitCode(), doctor::describe);
        assertEquals(open, doctor.stdout().stream().filter(l -> l.matches(
                "child: pid \\d+ \\(node.*\\): the server of open session #\\d+")).count(), doctor::describe);
    }
}
