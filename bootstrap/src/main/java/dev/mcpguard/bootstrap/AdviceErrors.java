package dev.mcpguard.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where advice puts the throwables it suppresses. Every advice method is woven with an exception handler that
 * calls {@link #record(Throwable)} instead of letting anything reach host code; the count must stay zero, and the
 * integration tests check that it does.
 */
public final class AdviceErrors {

    private static final AtomicLong COUNT = new AtomicLong();
    private static volatile Consumer<Throwable> reporter;

    private AdviceErrors() {
    }

    /** Called from woven exception handlers: must never throw. */
    public static void record(Throwable error) {
        COUNT.incrementAndGet();
        Consumer<Throwable> r = reporter;
        if (r != null) {
            try {
                r.accept(error);
            } catch (Throwable ignored) {
                // the host comes first: a failing reporter is dropped silently
            }
        }
    }

    public static long count() {
        return COUNT.get();
    }

    public static void reportTo(Consumer<Throwable> consumer) {
        reporter = consumer;
    }
}
