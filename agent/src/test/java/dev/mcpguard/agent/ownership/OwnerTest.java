package dev.mcpguard.agent.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnerTest {

    private final Owner owner = new Owner(1, new Timer());

    @Test
    void runsTasksOneAfterTheOtherInOrderOnOneThread() throws Exception {
        List<Integer> order = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<Void> last = new CompletableFuture<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            owner.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread());
                if (n == 19) {
                    last.complete(null);
                }
            });
        }
        last.get(10, TimeUnit.SECONDS);
        assertEquals(20, order.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i, order.get(i));
            assertSame(threads.get(0), threads.get(i));
        }
        assertTrue(Owner.isOwnerThread(threads.get(0)));
        assertTrue(threads.get(0).isDaemon());
    }

    @Test
    void aTaskThatBlocksItsThreadDoesNotHoldUpTheTasksBehindIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> blocked = new CompletableFuture<>();
        owner.execute(() -> {
            blocked.complete(Thread.currentThread());
            awaitQuietly(release);
        });
        Thread stuck = blocked.get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Thread>> behind = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            behind.add(ran);
            owner.execute(() -> ran.complete(Thread.currentThread()));
        }
        try {
            // Not bounded by the blocked task: it never ends until released below.
            Thread taker = behind.get(0).get(10, TimeUnit.SECONDS);
            assertNotSame(stuck, taker);
            for (CompletableFuture<Thread> ran : behind) {
                assertSame(taker, ran.get(10, TimeUnit.SECONDS));
            }
        } finally {
            release.countDown();
        }
        stuck.join(10_000);
        assertTrue(!stuck.isAlive(), "a replaced thread ends once its task returns");
    }

    @Test
    void anAbandonedThreadIsNeverGivenAnotherTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> blocked = new CompletableFuture<>();
        owner.execute(() -> {
            blocked.complete(Thread.currentThread());
            awaitQuietly(release);
        });
        Thread stuck = blocked.get(10, TimeUnit.SECONDS);
        owner.abandon(stuck, "a test session");
        release.countDown();
        stuck.join(10_000);
        CompletableFuture<Thread> next = new CompletableFuture<>();
        owner.execute(() -> next.complete(Thread.currentThread()));
        assertNotSame(stuck, next.get(10, TimeUnit.SECONDS));
        assertTrue(!stuck.isAlive());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
