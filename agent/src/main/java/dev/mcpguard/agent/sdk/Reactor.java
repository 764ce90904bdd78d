package dev.mcpguard.agent.sdk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The few Reactor operations the agent needs, on the Reactor copy of the class loader that loaded an SDK. The agent
 * cannot link against Reactor (it must work with whichever version the host has, in whichever loader), so it
 * reaches these through reflection, looked up once per SDK class, and mostly on close paths; the one per-request
 * use is {@link #onErrorOrCancel}.
 */
public final class Reactor {

    /**
     * Kept with the SDK class itself, not in a map of the agent's: a Reactor holds methods of its loader's classes,
     * so as a map's value (even one keyed weakly by the loader) it would keep the loader, and an undeployed
     * application with it, for good. A class value lives and dies with its class.
     */
    private static final ClassValue<Reactor> BY_SDK_CLASS = new ClassValue<>() {
        @Override
        protected Reactor computeValue(Class<?> sdkClass) {
            try {
                return new Reactor(sdkClass.getClassLoader());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Reactor is not usable from " + sdkClass.getClassLoader(), e);
            }
        }
    };

    private final Method defer;
    private final Method delay;
    private final Method then;
    private final Method fromFuture;
    private final Method empty;
    private final Method error;
    private final Method toFuture;
    private final Method isNonBlockingThread;
    private final Method fromExecutorService;
    private final Method dispose;
    private final Method sinkError;
    private final Method tryEmitError;
    private final Method one;
    private final Method doOnSuccess;
    private final Method doOnError;
    private final Method doOnCancel;
    private final Method isDisposed;

    private Reactor(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
        Class<?> schedulers = Class.forName("reactor.core.scheduler.Schedulers", false, loader);
        defer = mono.getMethod("defer", Supplier.class);
        delay = mono.getMethod("delay", java.time.Duration.class);
        then = mono.getMethod("then", mono);
        fromFuture = mono.getMethod("fromFuture", CompletableFuture.class);
        empty = mono.getMethod("empty");
        error = mono.getMethod("error", Throwable.class);
        toFuture = mono.getMethod("toFuture");
        isNonBlockingThread = schedulers.getMethod("isNonBlockingThread", Thread.class);
        fromExecutorService = schedulers.getMethod("fromExecutorService", ExecutorService.class, String.class);
        dispose = Class.forName("reactor.core.Disposable", false, loader).getMethod("dispose");
        isDisposed = Class.forName("reactor.core.Disposable", false, loader).getMethod("isDisposed");
        doOnSuccess = mono.getMethod("doOnSuccess", java.util.function.Consumer.class);
        doOnError = mono.getMethod("doOnError", java.util.function.Consumer.class);
        doOnCancel = mono.getMethod("doOnCancel", Runnable.class);
        sinkError = Class.forName("reactor.core.publisher.MonoSink", false, loader).getMethod("error", Throwable.class);
        tryEmitError = Class.forName("reactor.core.publisher.Sinks$Empty", false, loader)
                .getMethod("tryEmitError", Throwable.class);
        one = Class.forName("reactor.core.publisher.Sinks", false, loader).getMethod("one");
    }

    /** The Reactor seen by the loader of {@code sdkObject}'s class. */
    public static Reactor of(Object sdkObject) {
        return BY_SDK_CLASS.get(sdkObject.getClass());
    }

    /** {@code Mono.defer(supplier)}: nothing happens until someone subscribes. */
    public Object defer(Supplier<Object> monoSupplier) {
        return call(defer, null, monoSupplier);
    }

    /** {@code Mono.delay(wait).then(Mono.defer(monoSupplier))}: the Mono is made when the wait is over. */
    public Object after(java.time.Duration wait, Supplier<Object> monoSupplier) {
        return call(then, call(delay, null, wait), defer(monoSupplier));
    }

    public Object fromFuture(CompletableFuture<?> future) {
        return call(fromFuture, null, future);
    }

    public Object empty() {
        return call(empty, null);
    }

    public Object error(Throwable t) {
        return call(error, null, t);
    }

    @SuppressWarnings("unchecked")
    public CompletableFuture<Object> toFuture(Object mono) {
        return (CompletableFuture<Object>) call(toFuture, mono);
    }

    /** A Reactor non-blocking thread ({@code parallel-N}, {@code reactor-http-nio-N}): blocking there throws. */
    public boolean isNonBlocking(Thread thread) {
        return (Boolean) call(isNonBlockingThread, null, thread);
    }

    public Object scheduler(ExecutorService executor, String name) {
        return call(fromExecutorService, null, executor, name);
    }

    public void dispose(Object disposable) {
        if (disposable != null) {
            call(dispose, disposable);
        }
    }

    public boolean isDisposed(Object disposable) {
        return (Boolean) call(isDisposed, disposable);
    }

    /**
     * The same Mono, running {@code cleanup} when it fails (before the error reaches the subscriber) or is
     * cancelled. Unlike the rest of this class this runs once per request: three reflective calls next to a network
     * round trip.
     */
    public Object onErrorOrCancel(Object mono, Runnable cleanup) {
        Runnable safe = ChainCallbacks.safe(cleanup);
        java.util.function.Consumer<Object> onError = error -> safe.run();
        return call(doOnCancel, call(doOnError, mono, onError), safe);
    }

    /**
     * The same Mono, telling how it ended: a value or empty, an error, or a cancellation. The callbacks cannot
     * disturb the host's chain ({@link ChainCallbacks}).
     */
    public Object observe(Object mono, Runnable onSuccess, java.util.function.Consumer<Throwable> onError,
            Runnable onCancel) {
        Runnable succeeded = ChainCallbacks.safe(onSuccess);
        java.util.function.Consumer<Object> success = value -> succeeded.run();
        Object observed = call(doOnSuccess, mono, success);
        observed = call(doOnError, observed, ChainCallbacks.safe(onError));
        return call(doOnCancel, observed, ChainCallbacks.safe(onCancel));
    }

    /** {@code MonoSink.error(error)}: how a pending SDK request is failed from outside. */
    public void fail(Object monoSink, Throwable error) {
        call(sinkError, monoSink, error);
    }

    /**
     * {@code Sinks.Empty.tryEmitError(error)} ({@code Sinks.One} is one): fails whoever waits on the sink, now or
     * later, and does nothing if it already ended.
     */
    public void tryEmitError(Object sink, Throwable error) {
        call(tryEmitError, sink, error);
    }

    /** {@code Sinks.one()}: a fresh sink for one value. */
    public Object oneSink() {
        return call(one, null);
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
