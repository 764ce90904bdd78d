package dev.mcpguard.it.bench;

import dev.mcpguard.it.net.LoopbackProxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server that counts every connection a client opens: the server side's
 * view of connection attempts. While the server is gone the proxy accepts a connection, fails to reach the server
 * and closes it at once, which the client sees as a connection closed before any response.
 */
final class CountingProxy implements AutoCloseable {

    private final AtomicInteger accepted = new AtomicInteger();
    private final LoopbackProxy proxy;

    CountingProxy(int backendPort) {
        this.proxy = LoopbackProxy.start(backendPort, () -> {
            accepted.incrementAndGet();
            return true;
        });
    }

    String url() {
        return proxy.url();
    }

    /** Connections accepted since the proxy started or since the last call, which starts a new count. */
    int takeCount() {
        return accepted.getAndSet(0);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
