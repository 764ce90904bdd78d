package dev.mcpguard.it.harness;

import dev.mcpguard.it.net.LoopbackProxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, which a test can switch down (every connection is accepted
 * and closed, like a server that is gone) and up again, counting the requests it refused: connections that sent
 * something, not the agent's port probes, which send nothing. It stands for a server that goes away and comes back
 * on the same address, without racing for a port.
 */
public final class SwitchableProxy implements AutoCloseable {

    /** How long {@link #upAfterFirstRefusal} waits for a client's first connection. */
    private static final Duration FIRST_CONNECTION_LIMIT = Duration.ofSeconds(60);

    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch firstRefusal = new CountDownLatch(1);
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final LoopbackProxy proxy;

    private SwitchableProxy(int backendPort) {
        this.proxy = LoopbackProxy.start(backendPort, this::admit, this::refusedRequest);
    }

    /** A proxy to 127.0.0.1:{@code backendPort}, down until {@link #upAfterFirstRefusal} switches it on. */
    public static SwitchableProxy downInFrontOf(int backendPort) {
        return new SwitchableProxy(backendPort);
    }

    /** A proxy to 127.0.0.1:{@code backendPort}, up until {@link #downAfterFirstConnection} switches it off. */
    public static SwitchableProxy upInFrontOf(int backendPort) {
        SwitchableProxy proxy = new SwitchableProxy(backendPort);
        proxy.up.set(true);
        return proxy;
    }

    /**
     * Takes the server "away" {@code upFor} after the first connection it let through (time for a client to
     * initialize), cutting the connections it pipes, and "back on" {@code down} later, from a thread of its own.
     * Without a connection within {@link #FIRST_CONNECTION_LIMIT} it stays up.
     */
    public void downAfterFirstConnection(Duration upFor, Duration down) {
        after(firstConnection, () -> {
            Thread.sleep(upFor.toMillis());
            up.set(false);
            proxy.cutOpenConnections();
            Thread.sleep(down.toMillis());
            up.set(true);
        });
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
        after(firstRefusal, () -> {
            Thread.sleep(down.toMillis());
            up.set(true);
        });
    }

    private interface Switching {
        void run() throws InterruptedException;
    }

    /** Runs {@code switching} on a thread of its own once {@code first} is counted down, if within the limit. */
    private static void after(CountDownLatch first, Switching switching) {
        Thread switcher = new Thread(() -> {
            try {
                if (first.await(FIRST_CONNECTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    switching.run();
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
            firstConnection.countDown();
            return true;
        }
        return false;
    }

    private void refusedRequest() {
        refused.incrementAndGet();
        firstRefusal.countDown();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
