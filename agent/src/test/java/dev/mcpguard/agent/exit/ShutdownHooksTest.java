package dev.mcpguard.agent.exit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The exit hook waits for the application's other shutdown hooks, however the JDK orders their starts. */
class ShutdownHooksTest {

    @Test
    void aHookTheJdkHasNotStartedYetIsWaitedFor() throws Exception {
        CountDownLatch drained = new CountDownLatch(1);
        AtomicBoolean hookDone = new AtomicBoolean();
        Thread hostHook = new Thread(() -> {
            awaitQuietly(drained);
            hookDone.set(true);
        }, "host-drain");
        Map<Thread, Thread> registered = new IdentityHashMap<>();
        registered.put(hostHook, hostHook);
        ShutdownHooks hooks = new ShutdownHooks(registered);

        CompletableFuture<Boolean> othersEnded = new CompletableFuture<>();
        AtomicBoolean hookDoneWhenAnswered = new AtomicBoolean();
        Thread exitHook = new Thread(() -> {
            boolean ended = hooks.awaitOthers(Duration.ofSeconds(30));
            hookDoneWhenAnswered.set(hookDone.get());
            othersEnded.complete(ended);
        }, "mcp-guard-exit");
        exitHook.start();
        // The JDK starts the hooks in turn: here the exit hook runs first, the host's starts after it.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exitHook.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertFalse(othersEnded.isDone(), "answered before the host's hook had even started");
        hostHook.start();
        drained.countDown();
        assertTrue(othersEnded.get(10, TimeUnit.SECONDS));
        assertTrue(hookDoneWhenAnswered.get(), "the exit hook went on while the host's hook was still draining");
    }

    @Test
    void aHookStillRunningAtTheLimitIsReported() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread hostHook = new Thread(() -> awaitQuietly(never), "host-drain");
        hostHook.setDaemon(true);
        hostHook.start();
        Map<Thread, Thread> registered = new IdentityHashMap<>();
        registered.put(hostHook, hostHook);
        try {
            assertFalse(new ShutdownHooks(registered).awaitOthers(Duration.ofMillis(200)));
        } finally {
            never.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
