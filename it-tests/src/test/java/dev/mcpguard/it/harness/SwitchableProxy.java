package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final ServerSocket listener;
    private final int backendPort;
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch firstRefusal = new CountDownLatch(1);
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private SwitchableProxy(int backendPort) throws IOException {
        this.backendPort = backendPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to 127.0.0.1:{@code backendPort}, down until {@link #up()}. */
    public static SwitchableProxy downInFrontOf(int backendPort) {
        try {
            return new SwitchableProxy(backendPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
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

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!up.get()) {
                    refused.incrementAndGet();
                    firstRefusal.countDown();
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // one side went away: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(SwitchableProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
