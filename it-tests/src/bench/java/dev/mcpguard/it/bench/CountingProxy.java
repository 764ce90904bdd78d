package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server that counts every connection a client opens: the server side's
 * view of connection attempts. While the server is gone the proxy accepts a connection, fails to reach the server
 * and closes it at once, which the client sees as a connection closed before any response (the same stand-in the
 * ITs' {@code SwitchableProxy} uses for a server that is gone). Like that class, with no dependency on the tests.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int backendPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    CountingProxy(int backendPort) {
        this.backendPort = backendPort;
        try {
            this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "counting-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Connections accepted since the proxy started or since the last call, which starts a new count. */
    int takeCount() {
        return accepted.getAndSet(0);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue;
            }
            accepted.incrementAndGet();
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 1000);
            } catch (IOException gone) {
                closeQuietly(server);
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(server);
            pump(client, server);
            pump(server, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // one side went away: both are closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "counting-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(CountingProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
