package dev.mcpguard.agent.artifacts;

import dev.mcpguard.agent.closedguard.ClosedGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The built-in table of teardown artifacts, from what the SDK lines were measured to throw when a healthy
 * session is closed under in-flight work (research: failure-modes.md, "Classification"). A leaf matching one of
 * these is an artifact only when the classifier's other conditions hold too.
 */
public final class Signatures {

    private static final Set<String> UP_TO_1 = Set.of("0", "1");

    private static final List<Signature> BUILT_IN = List.of(
            // In-flight requests when the session is closed (McpClientSession.dismissPendingResponses).
            new Signature("session-terminated", "java.lang.RuntimeException", "MCP session with server terminated",
                    Signature.ALL_LINES),
            // Calls on a transport that was closed: "Transport has already been closed." (2.x) or
            // "MCP session with ID ... has been closed" (<= 1.x).
            new Signature("transport-closed", "*.McpTransportSessionClosedException", null, Signature.ALL_LINES),
            // The agent's own refusal of a call on a client whose close began (workers still holding it).
            new Signature("client-closed", "java.lang.IllegalStateException", ClosedGuard.CLOSED_CLIENT_STAYS_CLOSED,
                    Signature.ALL_LINES),
            // Older lines fail sends on a completed stdio sink after close.
            new Signature("enqueue-after-close", "java.lang.RuntimeException", "Failed to enqueue message", UP_TO_1),
            // The transport's executors are shut down by the close: tasks rejected, readers interrupted.
            new Signature("executor-shut-down", "java.util.concurrent.RejectedExecutionException", null,
                    Signature.ALL_LINES),
            new Signature("interrupted-by-close", "java.lang.InterruptedException", null, Signature.ALL_LINES),
            new Signature("cancelled-by-close", "java.util.concurrent.CancellationException", null,
                    Signature.ALL_LINES),
            // The event stream of an HTTP session ended by the close's DELETE.
            new Signature("stream-ended", "java.io.IOException", "chunked transfer encoding", Signature.ALL_LINES),
            new Signature("stream-ended", "java.io.EOFException", null, Signature.ALL_LINES),
            new Signature("stream-ended", "*.PrematureCloseException", null, Signature.ALL_LINES));

    private Signatures() {
    }

    /** The built-in table plus one signature per user marker (matched against "class: message" of a leaf). */
    public static List<Signature> with(List<String> extraMarkers) {
        List<Signature> all = new ArrayList<>(BUILT_IN);
        for (String marker : extraMarkers) {
            all.add(new Signature("extra", "*", marker, Signature.ALL_LINES));
        }
        return List.copyOf(all);
    }
}
