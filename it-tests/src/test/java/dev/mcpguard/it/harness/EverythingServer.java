package dev.mcpguard.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The unmodified {@code @modelcontextprotocol/server-everything} serving Streamable HTTP or SSE on
 * 127.0.0.1 and a free port. {@link #stop()} ends it with its process tree; should a crashed test
 * never get there, the preload ends the server by itself after {@link #TTL}.
 */
public final class EverythingServer implements AutoCloseable {

    public enum Mode {
        STREAMABLE_HTTP("streamableHttp"), SSE("sse");

        final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);
    /** Another process may take the free port between our probe and node's bind. */
    private static final int START_ATTEMPTS = 3;

    private final Mode mode;
    private final int port;
    private final Process process;
    private final List<String> script;
    private final OutputCollector stdout;
    private final OutputCollector stderr;

    private EverythingServer(Mode mode, List<String> script, int port, Process process) {
        this.mode = mode;
        this.script = script;
        this.port = port;
        this.process = process;
        this.stdout = OutputCollector.start(process.getInputStream(), "server-everything stdout");
        this.stderr = OutputCollector.start(process.getErrorStream(), "server-everything stderr");
    }

    public static EverythingServer start(Mode mode) {
        return start(mode, List.of(ItPaths.everythingIndexJs().toString(), mode.argument));
    }

    /**
     * One of the tests' own HTTP servers ({@code it-tests/servers/*.mjs}), started and stopped like server-everything:
     * on a free port given as {@code PORT}, stopping by itself after the TTL.
     */
    public static EverythingServer startOwn(Path script) {
        return start(Mode.STREAMABLE_HTTP, List.of(script.toString()));
    }

    private static EverythingServer start(Mode mode, List<String> script) {
        String failures = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            EverythingServer server = launch(mode, script, freePort());
            if (server.awaitListening()) {
                return server;
            }
            failures += "\nattempt " + attempt + ": " + server.describe();
            server.stop();
        }
        throw new IllegalStateException(script + " did not start" + failures);
    }

    /** The command that runs server-everything over stdio, as a stdio transport would spawn it. */
    public static List<String> stdioCommand() {
        return List.of("node", stdioTarget(), "stdio");
    }

    /** The index.js the scenario apps start with {@code node <index.js> stdio}. */
    public static String stdioTarget() {
        return ItPaths.everythingIndexJs().toString();
    }

    /**
     * The base URL the SDK's HTTP transport builders take: Streamable HTTP is served at
     * {@code <url>/mcp}, SSE at {@code <url>/sse} plus {@code <url>/message}.
     */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The node process, for a scenario that freezes or kills its server. */
    public long pid() {
        return process.pid();
    }

    public Mode mode() {
        return mode;
    }

    /**
     * What the server printed so far, stdout then stderr (server-everything's SSE mode logs each session it opens
     * on stderr).
     */
    public List<String> output() {
        List<String> lines = new java.util.ArrayList<>(stdout.lines());
        lines.addAll(stderr.lines());
        return lines;
    }

    /**
     * The same server started again on the same port, as a redeploy would: this one is stopped first. Fails if the
     * port cannot be had back within the start limit.
     */
    public EverythingServer restart() {
        stop();
        EverythingServer again = launch(mode, script, port);
        if (!again.awaitListening()) {
            again.stop();
            throw new IllegalStateException("could not restart on port " + port + ": " + again.describe());
        }
        return again;
    }

    public void stop() {
        ProcessTrees.stop(process.toHandle(), STOP_GRACE, KILL_LIMIT);
    }

    @Override
    public void close() {
        stop();
    }

    public String describe() {
        return "server-everything " + mode.argument + " on port " + port + (process.isAlive() ? " (running)" : " (ended)")
                + "\nstdout: " + stdout.lines() + "\nstderr: " + stderr.lines();
    }

    private static EverythingServer launch(Mode mode, List<String> script, int port) {
        List<String> command = new java.util.ArrayList<>(List.of("node", "--import",
                ItPaths.bindLocalhostPreload().toUri().toString()));
        command.addAll(script);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_GUARD_"));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MCP_GUARD_SERVER_TTL_MS", Long.toString(TTL.toMillis()));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new EverythingServer(mode, script, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
    }

    private boolean awaitListening() {
        Await.until(() -> !process.isAlive() || accepts(port), START_LIMIT);
        // A node that died on EADDRINUSE leaves the port to whoever holds it, so check it is ours.
        return process.isAlive() && accepts(port);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
