package dev.mcpguard.it.harness;

import dev.mcpguard.it.net.LoopbackProxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, which a test can switch down (every connection is accepted
 * and closed at once, like a server that is gone) and up again, counting the connections it refused. It stands for
 * a server that goes away and comes back on the same address, without racing for a port.
 */
public final class SwitchableProxy implements AutoCloseable {

    /** How long {@link #upAfterFirstRefusal} waits for a client's first connection. */
    private static final Duration FIRST_CONNECTION_LIMIT = Duration.ofSeconds(60);

    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch firstRefusal = new CountDownLatch(1);
    private final LoopbackProxy proxy;

    private SwitchableProxy(int backendPort) {
        this.proxy = LoopbackProxy.start(backendPort, this::admit);
    }

    /** A proxy to 127.0.0.1:{@code backendPort}, down until {@link #upAfterFirstRefusal} switches it on. */
    public static SwitchableProxy downInFrontOf(int backendPort) {
        return new SwitchableProxy(backendPort);
    }

    public String url() {
        return proxy.url();
    }

    /**
     * Switches the server "back on" {@code down} after the first connection it refused, from a thread of its own: the
     * outage a client sees starts with its first attempt, however long its JVM took to start (seconds on a busy
     * machine). Without a connection within {@link #FIRST_CONNECTION_LIMIT} it stays down.
     */
    public void upAfterFirstRefusal(Duration down) {
        Thread switcher = new Thread(() -> {
            try {
                if (firstRefusal.await(FIRST_CONNECTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    Thread.sleep(down.toMillis());
                    up.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "proxy-switch");
        switcher.setDaemon(true);
        switcher.start();
    }

    public int refusedConnections() {
        return refused.get();
    }

    private boolean admit() {
        if (up.get()) {
            return true;
        }
        refused.incrementAndGet();
        firstRefusal.countDown();
        return false;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
