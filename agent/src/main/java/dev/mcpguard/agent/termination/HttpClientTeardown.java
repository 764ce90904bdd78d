package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.Teardown;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A session over HTTP whose {@link HttpClient} was built for it alone: nobody closes such a client, so its selector
 * thread outlives the session. From JDK 21 on an HttpClient can be shut down; the agent does so once the session is
 * closed, and aborts its exchanges when a close overruns. On JDK 17 there is nothing to shut down, and an overrunning
 * close cannot be ended from outside. A client that is not the session's alone gets no teardown of this kind.
 */
public final class HttpClientTeardown implements Teardown {

    private static final Method SHUTDOWN = method("shutdown");
    private static final Method SHUTDOWN_NOW = method("shutdownNow");

    private final Supplier<HttpClient> client;

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
        return shutDown(SHUTDOWN_NOW) ? "aborted its HTTP exchanges" : null;
    }

    /**
     * After a graceful close nothing of the session's may still be in flight: an exchange that is (an event stream an
     * older library did not cancel) is aborted. After a quick {@code close()} the library may still be sending its
     * last request (the SDK's DELETE), which may finish before the client's threads end.
     */
    @Override
    public void afterClose(boolean libraryCloseFinished) {
        shutDown(libraryCloseFinished ? SHUTDOWN_NOW : SHUTDOWN);
    }

    private boolean shutDown(Method how) {
        HttpClient http = how == null ? null : client.get();
        if (http == null) {
            return false;
        }
        try {
            how.invoke(http);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("could not " + how.getName() + " the HttpClient of an MCP session", e);
            return false;
        }
    }

    private static Method method(String name) {
        try {
            return HttpClient.class.getMethod(name);
        } catch (NoSuchMethodException beforeJdk21) {
            return null;
        }
    }
}
