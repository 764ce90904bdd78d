package dev.mcpguard.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MCP server the gateway starts itself as a node process listening on a free 127.0.0.1 port,
 * and stops again on {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    /** How long one probe waits; also paces the probes, since a failed connect returns at once. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES_ON_FAILURE = 20;
    /** bind-localhost.mjs ends a server after this (15 min unless told): a run's server must outlive the run. */
    private static final String TTL_VARIABLE = "MCP_GUARD_SERVER_TTL_MS";
    /** Beyond a run's time cap: the loops' stop grace, the leak check and the chart. */
    private static final Duration TTL_MARGIN = Duration.ofMinutes(5);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with PORT set to a free port and returns once the port accepts connections. */
    static ServerProcess start(String name, List<String> command) throws IOException {
        return start(name, command, freeLocalPort());
    }

    /** Starts {@code command} like {@link #start(String, List)}, for a run that may last up to {@code timeCap}. */
    static ServerProcess startFor(String name, List<String> command, Duration timeCap) throws IOException {
        return start(name, command, freeLocalPort(), timeCap.plus(TTL_MARGIN));
    }

    /** Starts {@code command} with PORT set to {@code port} (e.g. the port of a server being restarted). */
    static ServerProcess start(String name, List<String> command, int port) throws IOException {
        return start(name, command, port, null);
    }

    /** {@code ttl}: how long the server may live at most; null leaves the preload's default. */
    private static ServerProcess start(String name, List<String> command, int port, Duration ttl) throws IOException {
        // The server's chatter goes to a file rather than our console; it is shown if the start fails.
        Path log = Files.createTempFile("mcp-guard-demo-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        if (ttl != null) {
            builder.environment().put(TTL_VARIABLE, Long.toString(ttl.toMillis()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            throw new IOException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(name, port, process, log);
        try {
            server.awaitListening();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Probes the port until it accepts a connection. Between probes it waits for the process to exit
     * rather than sleeping, so a server that dies at start is reported at once.
     */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (acceptsConnections()) {
                return;
            }
            try {
                process.onExit().get(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                throw new IOException(name + " exited with code " + process.exitValue()
                        + " before listening on port " + port + logTail());
            } catch (TimeoutException stillRunning) {
                // not listening yet: probe again
            } catch (ExecutionException e) {
                throw new IOException("cannot watch " + name + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name + " to listen", e);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within "
                + STARTUP_DEADLINE.toSeconds() + "s" + logTail());
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) PROBE_INTERVAL.toMillis());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeLocalPort() throws IOException {
        // The port is free now; another process could take it before node binds it, which the
        // startup deadline then reports.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size());
            return tail.isEmpty() ? "" : "; its output:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", tail);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Kills the server (SIGKILL), as a crash would end it, and waits for it to be gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit();
    }

    /** Asks the server to stop (SIGTERM), then kills it if it has not exited within the deadline. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!awaitExit()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private boolean awaitExit() {
        try {
            return process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
