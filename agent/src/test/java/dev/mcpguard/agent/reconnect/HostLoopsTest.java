package dev.mcpguard.agent.reconnect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signatures;
import dev.mcpguard.agent.sdk.McpSdk;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.TestSessions;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The order of a host attempt's error and its session's teardown. The error's text is the same in every case here
 * ("MCP session with server terminated", an artifact signature); only when, and where, it was made decides.
 */
class HostLoopsTest {

    private static final String METHOD = "com.acme.Gateway#runSession";

    private final TestSessions sessions = new TestSessions();
    private final HostLoops loops = new HostLoops(
            new ArtifactClassifier(Signatures.with(new McpSdk().teardownArtifacts(), List.of()), frame -> frame.getMethodName().equals("insideTeardown")),
            sessions.registry(), 20);

    private GuardedSession openReadySession() {
        return sessions.openReady();
    }

    private void close(GuardedSession session) {
        sessions.close(session);
    }

    private static RuntimeException terminated() {
        return new RuntimeException("MCP session with server terminated");
    }

    private static RuntimeException insideTeardown(Supplier<RuntimeException> make) {
        return make.get();
    }

    @Test
    void aRealFailureFollowedByTheAttemptsOwnCloseStaysReal() {
        long started = System.nanoTime();
        GuardedSession session = openReadySession();
        RuntimeException failure = terminated();
        close(session); // the host's finally { client.close(); }
        assertFalse(loops.retry(METHOD, failure, started));
    }

    @Test
    void aTeardownAnotherThreadAskedForMakesItAnArtifact() throws InterruptedException {
        long started = System.nanoTime();
        GuardedSession session = openReadySession();
        Thread keepalive = new Thread(() -> close(session));
        keepalive.start();
        keepalive.join();
        assertTrue(loops.retry(METHOD, terminated(), started));
    }

    @Test
    void anErrorMadeInsideTheAgentsCloseIsAnArtifactWhoeverAskedForIt() {
        long started = System.nanoTime();
        GuardedSession session = openReadySession();
        close(session); // the loop thread itself ends its session on purpose, with a call in flight elsewhere
        assertTrue(loops.retry(METHOD, insideTeardown(HostLoopsTest::terminated), started));
    }

    @Test
    void anotherLoopsTeardownOnTheSameThreadIsNotThisAttempts() throws InterruptedException {
        GuardedSession earlier = openReadySession();
        Thread keepalive = new Thread(() -> close(earlier));
        keepalive.start();
        keepalive.join();
        long started = System.nanoTime();
        GuardedSession mine = openReadySession();
        close(mine);
        assertFalse(loops.retry(METHOD, terminated(), started));
    }
}
