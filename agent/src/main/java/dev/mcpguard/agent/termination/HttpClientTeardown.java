package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.Teardown;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A session over HTTP whose {@link HttpClient} was built for it alone: nobody closes such a client, so its selector
 * thread outlives the session. From JDK 21 on an HttpClient can be shut down; the agent does so once the session is
 * closed, and aborts its exchanges when a close overruns. Before JDK 21 the agent ends the client's selector through
 * the JDK's internals ({@link SelectorShutdown}), which also aborts what is in flight: at once after a close that
 * finished or to end one that overran, once the client is idle after a quick close. A client that is not the session's alone gets no teardown of this kind.
 */
public final class HttpClientTeardown implements Teardown {

    private final Supplier<HttpClient> client;

    /** Lets closes on JDK 17 to 20 open the JDK's internals; once, at the agent's start, without loading them. */
    public static void prepare(Instrumentation instrumentation) {
        SelectorShutdown.prepare(instrumentation);
    }

    /** @param client the session's own client, or null once it is gone; it must hold nothing of the session strongly */
    public HttpClientTeardown(Supplier<HttpClient> client) {
        this.client = client;
    }

    @Override
    public void beforeClose() {
    }

    @Override
    public CompletableFuture<?> released() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String forceRelease() {
        return shutDown(Jdk21.SHUTDOWN_NOW) || selectorShutDown() ? "aborted its HTTP exchanges" : null;
    }

    /**
     * After a graceful close nothing of the session's may still be in flight: an exchange that is (an event stream an
     * older library did not cancel) is aborted. After a quick {@code close()} the library may still be sending its
     * last request (the SDK's DELETE), which may finish before the client's threads end.
     */
    @Override
    public void afterClose(boolean libraryCloseFinished) {
        if (!libraryCloseFinished && Jdk21.SHUTDOWN != null) {
            HttpClient http = client.get();
            if (shutDown(Jdk21.SHUTDOWN) && http != null) {
                abortWhatIsLeft(http);
            }
            return;
        }
        if (!shutDown(libraryCloseFinished ? Jdk21.SHUTDOWN_NOW : Jdk21.SHUTDOWN)) {
            HttpClient http = Jdk21.SHUTDOWN_NOW == null ? client.get() : null;
            if (http != null && libraryCloseFinished) {
                SelectorShutdown.shutDown(http);
            } else if (http != null) {
                SelectorShutdown.shutDownWhenIdle(http);
            }
        }
    }

    /**
     * A graceful {@code shutdown()} waits for every exchange: one that never ends (an event stream an older library
     * did not cancel at a quick close) would keep the client's threads for ever. As on JDK 17, what is still running
     * after {@link SelectorShutdown#IDLE_LIMIT_NANOS} is aborted; {@code shutdownNow()} of a client that has ended
     * does nothing.
     */
    private static void abortWhatIsLeft(HttpClient http) {
        CompletableFuture.runAsync(() -> invoke(Jdk21.SHUTDOWN_NOW, http),
                CompletableFuture.delayedExecutor(SelectorShutdown.IDLE_LIMIT_NANOS, TimeUnit.NANOSECONDS));
    }

    private boolean selectorShutDown() {
        HttpClient http = Jdk21.SHUTDOWN_NOW == null ? client.get() : null;
        return http != null && SelectorShutdown.shutDown(http);
    }

    private boolean shutDown(Method how) {
        HttpClient http = how == null ? null : client.get();
        return http != null && invoke(how, http);
    }

    private static boolean invoke(Method how, HttpClient http) {
        try {
            how.invoke(http);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("could not " + how.getName() + " the HttpClient of an MCP session", e);
            return false;
        }
    }

    /** JDK 21's shutdown methods, null before; looked up by the first teardown, not by the agent's start. */
    private static final class Jdk21 {
        static final Method SHUTDOWN = method("shutdown");
        static final Method SHUTDOWN_NOW = method("shutdownNow");

        private static Method method(String name) {
            try {
                return HttpClient.class.getMethod(name);
            } catch (NoSuchMethodException beforeJdk21) {
                return null;
            }
        }
    }
}
