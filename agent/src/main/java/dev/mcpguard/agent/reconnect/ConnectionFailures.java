package dev.mcpguard.agent.reconnect;

import java.io.IOException;
import java.net.ConnectException;
import java.util.function.Predicate;

/**
 * Tells a call that could not reach its server (refused, reset, cut off before any answer: an {@link IOException}
 * anywhere in the causes) from everything a live server answers (an error response, 401 or 403, a timeout of a slow
 * reply), which is the host's business and no connectivity failure.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** What failed to connect, in words for the budget's messages, or null when the server was reached. */
    public static String of(Throwable error) {
        Throwable t = cause(error, c -> c instanceof IOException);
        return t == null ? null : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Whether the server's port refused the connection: nothing listens there (yet). */
    public static boolean refused(Throwable error) {
        return cause(error, c -> c instanceof ConnectException) != null;
    }

    /** The first of {@code error} and its causes that {@code matching} accepts, or null. */
    public static Throwable cause(Throwable error, Predicate<Throwable> matching) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (matching.test(t)) {
                return t;
            }
        }
        return null;
    }
}
