package dev.mcpguard.it.net;

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
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy on 127.0.0.1 in front of a server on 127.0.0.1. Each connection a client opens is first put to the
 * proxy's gate: a connection the gate refuses, or one whose server cannot be reached, is closed at once, which the
 * client sees as a connection closed before any response, as from a server that is gone. The test harness's
 * switchable proxy and the recovery benchmark's counting proxy are this proxy with a gate of their own.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final int BACKLOG = 200;
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final ServerSocket listener;
    private final int backendPort;
    private final BooleanSupplier gate;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackProxy(int backendPort, BooleanSupplier gate) throws IOException {
        this.backendPort = backendPort;
        this.gate = gate;
        this.listener = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
    }

    /** Starts a proxy to 127.0.0.1:{@code backendPort}; {@code gate} is asked once per connection, on its thread. */
    public static LoopbackProxy start(int backendPort, BooleanSupplier gate) {
        LoopbackProxy proxy;
        try {
            proxy = new LoopbackProxy(backendPort, gate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(proxy::accept, "proxy-accept-" + proxy.listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // closed: the loop ends
            }
            if (!gate.getAsBoolean()) {
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), CONNECT_TIMEOUT_MS);
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
        }, "proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(LoopbackProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
