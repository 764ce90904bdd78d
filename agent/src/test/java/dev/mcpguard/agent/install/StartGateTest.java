package dev.mcpguard.agent.install;

import static dev.mcpguard.agent.install.Waits.await;
import static dev.mcpguard.agent.install.Waits.startWaitingThenRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.bootstrap.CleanupHooks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Woven code and the runtime it calls, while the start builds that runtime on a thread of its own. */
class StartGateTest {

    private final List<Object> seen = new CopyOnWriteArrayList<>();

    /** Records what woven code reported; one of the bootstrap's hooks stands for all of them. */
    private final CleanupHooks.Listener recording = new CleanupHooks.Listener() {
        @Override
        public void requestIdMade(Object id) {
            seen.add(id);
        }

        @Override
        public Object requestSent(Object session, Object mono) {
            return mono;
        }

        @Override
        public Object transportSessionClosing(Object transportSession, Object mono, Throwable thrown) {
            return mono;
        }
    };

    /** A start whose runtime listens once {@code built} is released. */
    private void startListeningOnceReleased(CountDownLatch built) {
        StartGate gate = new StartGate();
        gate.start(() -> {
            await(built);
            CleanupHooks.listen(recording);
            gate.open();
        });
    }

    @AfterEach
    void noListener() {
        CleanupHooks.listen(null);
    }

    @Test
    void wovenCodeThatRunsBeforeTheRuntimeListensWaitsForItAndIsSeen() throws Exception {
        CountDownLatch built = new CountDownLatch(1);
        startListeningOnceReleased(built);
        Thread woven = new Thread(() -> CleanupHooks.requestIdMade("id-1"));
        startWaitingThenRelease(woven, built);
        woven.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(List.of("id-1"), seen);
    }

    @Test
    void aThreadThatWaitsKeepsItsInterrupt() throws Exception {
        CountDownLatch built = new CountDownLatch(1);
        startListeningOnceReleased(built);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread woven = new Thread(() -> {
            Thread.currentThread().interrupt();
            CleanupHooks.requestIdMade("id-2");
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        startWaitingThenRelease(woven, built);
        woven.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(List.of("id-2"), seen);
        assertEquals(Boolean.TRUE, interruptedAfter.get());
    }

    @Test
    void theStartsOwnThreadNeverWaitsForItself() throws Exception {
        AtomicReference<Object> returned = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Object mono = new Object();
        StartGate gate = new StartGate();
        gate.start(() -> {
            returned.set(CleanupHooks.requestSent("session", mono));
            done.countDown();
            gate.open();
        });

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertSame(mono, returned.get());
    }

    @Test
    void aStartThatFailsLetsWovenCodeRunTheLibrarysOwn() throws Exception {
        StartGate gate = new StartGate();
        CountDownLatch failing = new CountDownLatch(1);
        gate.start(() -> {
            await(failing);
            throw new IllegalStateException("no runtime");
        });
        Object mono = new Object();
        AtomicReference<Object> returned = new AtomicReference<>();
        Thread woven = new Thread(() -> returned.set(CleanupHooks.requestSent("session", mono)));
        startWaitingThenRelease(woven, failing);
        woven.join(TimeUnit.SECONDS.toMillis(10));

        assertSame(mono, returned.get());
    }
}
