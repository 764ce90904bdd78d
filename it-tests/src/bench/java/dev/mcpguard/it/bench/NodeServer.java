package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Streamable HTTP server-everything on 127.0.0.1 that a benchmark starts, kills (SIGKILL: a crash, not a
 * shutdown) and starts again on the same port, as run.sh's {@code start_streamable_server} does for the close
 * benchmark. Its output goes to {@code <log>} (appended), so that a busy server cannot block on a full pipe.
 */
final class NodeServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Path serversDir;
    private final Path log;
    private final int port;
    private Process process;

    private NodeServer(Path serversDir, Path log, int port) {
        this.serversDir = serversDir;
        this.log = log;
        this.port = port;
    }

    /** Starts server-everything (streamableHttp) on a free port and returns once it accepts connections. */
    static NodeServer start(Path serversDir, Path log) {
        NodeServer server = new NodeServer(serversDir, log, freePort());
        server.restart();
        return server;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the server (again) on its port; returns {@link System#nanoTime()} of the first accepted connection,
     * polled every 2 ms: the moment the server is back.
     */
    long restart() {
        ProcessBuilder builder = new ProcessBuilder("node", "--import",
                serversDir.resolve("bind-localhost.mjs").toUri().toString(),
                serversDir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js").toString(),
                "streamableHttp");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MCP_GUARD_SERVER_TTL_MS", "1800000");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(port)) {
                return System.nanoTime();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server-everything exited with " + process.exitValue() + "; see " + log);
            }
            sleep(2);
        }
        throw new IllegalStateException("server-everything did not listen on " + port + " within " + START_LIMIT);
    }

    /** SIGKILL, and waits until the process is gone and its port is closed. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server-everything (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        while (accepts(port)) {
            sleep(2);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
