package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpguard.bootstrap.AdviceErrors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The callbacks the agent adds to a host's chain never change what the host's chain delivers. */
class ReactorObserveTest {

    private final Reactor reactor = Reactor.of(Mono.empty());

    @Test
    void aThrowingSuccessCallbackLeavesTheValueAndIsCounted() {
        long before = AdviceErrors.count();
        Mono<?> observed = (Mono<?>) reactor.observe(Mono.just("value"), ReactorObserveTest::fail,
                error -> { }, () -> { });

        assertEquals("value", observed.block());
        assertEquals(before + 1, AdviceErrors.count());
    }

    @Test
    void aThrowingErrorCallbackLeavesTheHostsErrorAndIsCounted() {
        long before = AdviceErrors.count();
        IllegalStateException hosts = new IllegalStateException("the host's own failure");
        Mono<?> observed = (Mono<?>) reactor.observe(Mono.error(hosts), () -> { },
                error -> fail(), () -> { });

        assertSame(hosts, assertThrows(IllegalStateException.class, observed::block));
        assertEquals(before + 1, AdviceErrors.count());
    }

    @Test
    void aThrowingCancelCallbackLeavesTheCancellationAndIsCounted() {
        long before = AdviceErrors.count();
        AtomicInteger signals = new AtomicInteger();
        Mono<?> observed = (Mono<?>) reactor.observe(Mono.never(), () -> { }, error -> { },
                ReactorObserveTest::fail);
        Disposable subscription = observed.subscribe(value -> signals.incrementAndGet(),
                error -> signals.incrementAndGet());

        subscription.dispose();
        assertEquals(0, signals.get());
        assertEquals(before + 1, AdviceErrors.count());
    }

    private static void fail() {
        throw new IllegalStateException("a defect of the agent's callback");
    }
}
