package dev.mcpguard.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final TestSessions sessions = new TestSessions();
    private final SessionRegistry registry = sessions.registry();

    @Test
    void aTeardownRecordsWhenAndByWhomItWasAskedFor() throws InterruptedException {
        GuardedSession session = sessions.openReady();
        assertNull(session.teardownBegan());
        long before = System.nanoTime();
        Thread closer = new Thread(() -> sessions.close(session));
        closer.start();
        closer.join();
        TeardownBegan teardown = session.teardownBegan();
        assertTrue(teardown.wasReady());
        assertTrue(teardown.nanos() - before >= 0);
        assertTrue(teardown.requestedBy(closer));
        assertFalse(teardown.requestedBy(Thread.currentThread()));
    }

    @Test
    void anAttemptsSessionsAreThoseItsThreadOpenedDuringIt() throws InterruptedException {
        GuardedSession earlier = sessions.openReady();
        long started = System.nanoTime();
        assertEquals(List.of(earlier), registry.sessionsOfAttempt(Thread.currentThread(), started),
                "an attempt that opened nothing works with the client its thread opened before");
        GuardedSession during = sessions.openReady();
        AtomicReference<GuardedSession> elsewhere = new AtomicReference<>();
        Thread other = new Thread(() -> elsewhere.set(sessions.openReady()));
        other.start();
        other.join();
        assertEquals(List.of(during), registry.sessionsOfAttempt(Thread.currentThread(), started));
        assertEquals(List.of(elsewhere.get()), registry.sessionsOfAttempt(other, started));
    }
}
