package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

class ReactorTest {

    private static final Duration COLLECT_LIMIT = Duration.ofSeconds(10);

    /** An application's Reactor, in a class loader of its own, as a redeployable application has it. */
    private static URLClassLoader applicationLoader() {
        URL[] jars = {location(Mono.class), location(Publisher.class)};
        return new URLClassLoader("application", jars, ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** Uses that loader's Reactor through the agent; returns only a weak reference to the loader. */
    private static WeakReference<ClassLoader> usedAndDropped() throws Exception {
        try (URLClassLoader loader = applicationLoader()) {
            Object mono = Class.forName("reactor.core.publisher.Mono", true, loader).getMethod("empty").invoke(null);
            Reactor reactor = Reactor.of(mono);
            assertNotNull(reactor.toFuture(reactor.empty()));
            return new WeakReference<>(loader);
        }
    }

    @Test
    void anApplicationsLoaderIsNotKeptOnceItsClassesAreDropped() throws Exception {
        WeakReference<ClassLoader> loader = usedAndDropped();
        long deadline = System.nanoTime() + COLLECT_LIMIT.toNanos();
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertNull(loader.get(), "the application's class loader is still reachable");
    }
}
