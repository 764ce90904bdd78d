package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.session.ClientHandle;
import dev.mcpguard.bootstrap.SessionHooks;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code McpAsyncClient} as the core sees it. Its close runs the SDK's own close body: the woven advice lets
 * this one call through at its first step, so the agent's close never comes back to the agent.
 */
final class SdkClient implements ClientHandle {

    /** Weak: the registry must not keep a client the application dropped. */
    private final WeakReference<Object> client;
    private final WeakReference<Object> transport;

    SdkClient(Object client, Object transport) {
        this.client = new WeakReference<>(client);
        this.transport = new WeakReference<>(transport);
    }

    @Override
    public CompletableFuture<?> closeGracefully() throws Exception {
        Object c = client.get();
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        Object mono = SessionHooks.passThrough(c, () -> Sdk.CLIENT_CLOSE_GRACEFULLY.invoke(c));
        return Reactor.of(c).toFuture(mono);
    }

    @Override
    public void close() throws Exception {
        Object c = client.get();
        if (c != null) {
            SessionHooks.passThrough(c, () -> Sdk.CLIENT_CLOSE.invoke(c));
        }
    }

    @Override
    public boolean isReady() {
        Object c = client.get();
        try {
            return c != null && Boolean.TRUE.equals(Sdk.CLIENT_IS_INITIALIZED.invoke(c));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public boolean isGone() {
        return client.get() == null;
    }

    @Override
    public String serverKey() {
        return ServerNames.key(transport.get());
    }

    @Override
    public InetSocketAddress serverAddress() {
        return ServerNames.address(transport.get());
    }

    @Override
    public CompletableFuture<?> ping() throws Exception {
        Object c = client.get();
        return c == null ? null : Reactor.of(c).toFuture(Sdk.CLIENT_PING.invoke(c));
    }

    @Override
    public boolean isBusy() {
        return PendingRequests.count(initializer()) > 0;
    }

    /** The client's {@code LifecycleInitializer}, or null once the client is gone. */
    Object initializer() {
        Object c = client.get();
        return c == null ? null : Sdk.CLIENT_INITIALIZER.read(c);
    }

    @Override
    public String serverDetail() {
        return ServerNames.withProcess(transport.get());
    }
}
