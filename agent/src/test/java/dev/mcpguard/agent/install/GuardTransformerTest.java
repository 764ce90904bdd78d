package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.bootstrap.GuardCounters;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GuardTransformerTest {

    private static final String TARGET = "io/modelcontextprotocol/client/McpAsyncClient";
    private static final byte[] WOVEN = {1, 2, 3};
    private static final ClassLoader LOADER = GuardTransformerTest.class.getClassLoader();

    private final AtomicInteger builds = new AtomicInteger();

    private FutureTask<ClassWeaver> weaverBuiltBy(CountDownLatch release) {
        return new FutureTask<>(() -> {
            builds.incrementAndGet();
            release.await();
            return (loader, typeName, classFile) -> WOVEN;
        });
    }

    @Test
    void classesItDoesNotWeaveNeverBuildTheWeaver() {
        FutureTask<ClassWeaver> weaver = weaverBuiltBy(new CountDownLatch(0));
        GuardTransformer transformer = new GuardTransformer(Set.of(TARGET), weaver);

        assertNull(transformer.transform(LOADER, "java/util/ArrayList", null, null, new byte[0]));
        assertNull(transformer.transform(LOADER, "io/modelcontextprotocol/spec/McpSchema", null, null, new byte[0]));
        assertNull(transformer.transform(null, TARGET, null, null, new byte[0]));

        assertFalse(weaver.isDone());
        assertEquals(0, builds.get());
    }

    @Test
    void theFirstClassToWeaveBuildsTheWeaverIfNobodyStartedIt() {
        GuardTransformer transformer = new GuardTransformer(Set.of(TARGET), weaverBuiltBy(new CountDownLatch(0)));

        assertArrayEquals(WOVEN, transformer.transform(LOADER, TARGET, null, null, new byte[0]));
        assertArrayEquals(WOVEN, transformer.transform(LOADER, TARGET, null, null, new byte[0]));
        assertEquals(1, builds.get());
    }

    @Test
    void aClassLoadedWhileTheWeaverIsBeingBuiltWaitsForItAndIsWoven() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<ClassWeaver> weaver = weaverBuiltBy(release);
        startBuilding(weaver);
        GuardTransformer transformer = new GuardTransformer(Set.of(TARGET), weaver);
        AtomicReference<byte[]> result = new AtomicReference<>();
        Thread loading = loadingBlocked(transformer, result);
        release.countDown();
        loading.join(TimeUnit.SECONDS.toMillis(10));

        assertArrayEquals(WOVEN, result.get());
        assertEquals(1, builds.get());
    }

    @Test
    void anInterruptedLoaderStillGetsItsClassWovenAndKeepsItsInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<ClassWeaver> weaver = weaverBuiltBy(release);
        startBuilding(weaver);
        GuardTransformer transformer = new GuardTransformer(Set.of(TARGET), weaver);
        AtomicReference<byte[]> result = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread loading = new Thread(() -> {
            result.set(transformer.transform(LOADER, TARGET, null, null, new byte[0]));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        loading.start();
        awaitBlocked(loading);
        loading.interrupt();
        release.countDown();
        loading.join(TimeUnit.SECONDS.toMillis(10));

        assertArrayEquals(WOVEN, result.get());
        assertTrue(interruptedAfter.get());
    }

    @Test
    void aWeaverThatCannotBeBuiltLeavesClassesAsTheyAreAndIsCounted() {
        long before = GuardCounters.get("instrumentation.errors");
        GuardTransformer transformer = new GuardTransformer(Set.of(TARGET), new FutureTask<ClassWeaver>(() -> {
            throw new IllegalStateException("no weaver here");
        }));

        assertNull(transformer.transform(LOADER, TARGET, null, null, new byte[0]));
        assertEquals(before + 1, GuardCounters.get("instrumentation.errors"));
    }

    /** A thread that loads the target through {@code transformer}, once it waits inside. */
    private static Thread loadingBlocked(GuardTransformer transformer, AtomicReference<byte[]> result)
            throws InterruptedException {
        Thread loading = new Thread(() -> result.set(transformer.transform(LOADER, TARGET, null, null, new byte[0])));
        loading.start();
        awaitBlocked(loading);
        return loading;
    }

    /** Starts the build on a thread of its own, as premain does, and waits until it is under way. */
    private void startBuilding(FutureTask<ClassWeaver> weaver) {
        new Thread(weaver, "builder").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (builds.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, builds.get());
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }
}
