package dev.mcpguard.it.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final int IDLE_CHECK_MS = 100;
    private static final int REFUSED_READ_MS = 1000;

    private final ServerSocket listener;
    private final int backendPort;
    private final BooleanSupplier gate;
    /** Told of each connection the gate refused that carried a request (a byte); null: not told. */
    private final Runnable refusedRequest;
    /** A connection quiet in both directions this long is cut, as idle proxies do; null: never. */
    private final Duration idleLimit;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackProxy(int backendPort, BooleanSupplier gate, Runnable refusedRequest, Duration idleLimit)
            throws IOException {
        this.backendPort = backendPort;
        this.gate = gate;
        this.refusedRequest = refusedRequest;
        this.idleLimit = idleLimit;
        this.listener = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
    }

    /** Starts a proxy to 127.0.0.1:{@code backendPort}; {@code gate} is asked once per connection, on its thread. */
    public static LoopbackProxy start(int backendPort, BooleanSupplier gate) {
        return start(backendPort, gate, null, null);
    }

    /**
     * As {@link #start(int, BooleanSupplier)}, and {@code refusedRequest} is told of each refused connection that
     * carried a request before it was closed; one that sent nothing (a port probe) is not a request.
     */
    public static LoopbackProxy start(int backendPort, BooleanSupplier gate, Runnable refusedRequest) {
        return start(backendPort, gate, refusedRequest, null);
    }

    /**
     * A proxy that admits every connection and cuts one that carried no byte either way for {@code idleLimit}: a
     * load balancer's or an ingress's idle timeout.
     */
    public static LoopbackProxy cuttingIdle(int backendPort, Duration idleLimit) {
        return start(backendPort, () -> true, null, idleLimit);
    }

    private static LoopbackProxy start(int backendPort, BooleanSupplier gate, Runnable refusedRequest,
            Duration idleLimit) {
        LoopbackProxy proxy;
        try {
            proxy = new LoopbackProxy(backendPort, gate, refusedRequest, idleLimit);
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
                refuse(client);
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
            AtomicLong lastTraffic = new AtomicLong(System.nanoTime());
            pump(client, server, lastTraffic);
            pump(server, client, lastTraffic);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong lastTraffic) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                if (idleLimit != null) {
                    from.setSoTimeout(IDLE_CHECK_MS);
                }
                byte[] buffer = new byte[8192];
                while (true) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (SocketTimeoutException quiet) {
                        if (System.nanoTime() - lastTraffic.get() >= idleLimit.toNanos()) {
                            break;
                        }
                        continue;
                    }
                    if (n < 0) {
                        break;
                    }
                    lastTraffic.set(System.nanoTime());
                    out.write(buffer, 0, n);
                    out.flush();
                }
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

    /** Cuts every connection it is piping, as a server that went away does; new ones are up to the gate. */
    /** Closes a refused connection, once it sent its first byte or nothing within a second, when one is counted. */
    private void refuse(Socket client) {
        if (refusedRequest == null) {
            closeQuietly(client);
            return;
        }
        Thread refuser = new Thread(() -> {
            try (Socket refused = client) {
                refused.setSoTimeout(REFUSED_READ_MS);
                if (refused.getInputStream().read() >= 0) {
                    refusedRequest.run();
                }
            } catch (IOException nothingSent) {
                // closed or silent: no request
            }
        }, "proxy-refuse");
        refuser.setDaemon(true);
        refuser.start();
    }

    public void cutOpenConnections() {
        open.forEach(LoopbackProxy::closeQuietly);
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
