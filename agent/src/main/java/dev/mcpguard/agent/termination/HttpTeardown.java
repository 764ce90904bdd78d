package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reflect.Fields;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP transports build a {@link HttpClient} from an {@code HttpClient.Builder} and never close it, so its
 * selector thread outlives the transport. From JDK 21 on an HttpClient can be shut down; the agent does so once the
 * transport is closed, and aborts its exchanges when a close overruns, but only for a client the transport built for
 * itself alone ({@link HttpClientOwnership}): a client the host shares is the host's to close, and an overrunning
 * close of its transport is abandoned, as on JDK 17, where there is nothing to shut down.
 */
final class HttpTeardown implements Teardown {

    static final String STREAMABLE = "io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport";
    static final String SSE = "io.modelcontextprotocol.client.transport.HttpClientSseClientTransport";

    private static final Method SHUTDOWN = method("shutdown");
    private static final Method SHUTDOWN_NOW = method("shutdownNow");

    /** Weak: the transport leads back to its client, which the registry holds only weakly. */
    private final WeakReference<Object> transport;

    HttpTeardown(Object transport) {
        this.transport = new WeakReference<>(transport);
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
     * After a graceful close nothing of the transport's may still be in flight: an exchange that is (an event
     * stream an older SDK did not cancel) is aborted. After a plain {@code close()} the SDK is still sending its
     * DELETE, which may finish before the client's threads end.
     */
    @Override
    public void afterClose(boolean sdkCloseFinished) {
        shutDown(sdkCloseFinished ? SHUTDOWN_NOW : SHUTDOWN);
    }

    private boolean shutDown(Method how) {
        Object http = transport.get();
        if (http == null || how == null) {
            return false;
        }
        if (!HttpClientOwnership.ownsItsClient(http)) {
            GuardLog.debug("the HttpClient of an MCP " + http.getClass().getSimpleName()
                    + " is not known to be its own (the host's HttpClient.Builder may share it): left running");
            return false;
        }
        Object client = Fields.read(http, "httpClient");
        if (!(client instanceof HttpClient)) {
            return false;
        }
        try {
            how.invoke(client);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            GuardLog.debug("could not " + how.getName() + " the HttpClient of an MCP transport", e);
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
