package dev.mcpguard.agent.session;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * What the core needs of a client library's session object, supplied by that library's package: how to run the
 * library's own close, whether the session was ready, and how to name its server. The core never reads a library
 * object itself.
 */
public interface ClientHandle {

    /** Runs the library's own graceful close; the future completes when that close has finished. */
    CompletableFuture<?> closeGracefully() throws Exception;

    /** Runs the library's own quick close (it may go on in the background). */
    void close() throws Exception;

    /** Whether the session had completed initialization. */
    boolean isReady();

    /** Whether the client object is gone (collected): nothing of the library is left to close. */
    boolean isGone();

    /**
     * Sends the library's ping on a ready session; the future completes when the server answered. Null when the
     * library has no ping: such sessions are not kept alive.
     */
    default CompletableFuture<?> ping() throws Exception {
        return null;
    }

    /** Whether the session has requests in flight: traffic that keeps its connection alive by itself. */
    default boolean isBusy() {
        return false;
    }

    /**
     * The server's whole identity (an HTTP server's scheme, host, port and path; a stdio server's whole command
     * line), so that every session to the same server shares one reconnect budget, whichever client object it
     * belongs to. It may carry secrets (a token in an argument): it is a key, never printed. Null: the session is
     * budgeted alone.
     */
    default String serverKey() {
        return null;
    }

    /**
     * Where the server listens, for a server reached over TCP (its host unresolved), so that its port can be watched
     * for the server's return after it refused connections; null for none (a stdio server).
     */
    default InetSocketAddress serverAddress() {
        return null;
    }

    /** The server in words that carry no secret, with what runs it, for the status (e.g. {@code node (pid 42)}). */
    String serverDetail();
}
