package dev.mcpguard.agent.artifacts;

import dev.mcpguard.agent.closedguard.ClosedGuard;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of teardown artifacts: what tearing down a healthy session throws whatever the client library (the
 * JDK's own errors of a close, the agent's refusals), then each library's own ({@code
 * InstrumentedLibrary.teardownArtifacts}, from what its lines were measured to throw: research failure-modes.md,
 * "Classification"), then the user's markers. A leaf matching one of these is an artifact only when the classifier's
 * other conditions hold too.
 */
public final class Signatures {

    private static final List<Signature> BUILT_IN = List.of(
            // The agent's own refusal of a call on a client whose close began (workers still holding it).
            new Signature("client-closed", "java.lang.IllegalStateException", ClosedGuard.CLOSED_CLIENT_STAYS_CLOSED,
                    Signature.ALL_LINES),
            // The transport's executors are shut down by the close: tasks rejected, readers interrupted.
            new Signature("executor-shut-down", "java.util.concurrent.RejectedExecutionException", null,
                    Signature.ALL_LINES),
            new Signature("interrupted-by-close", "java.lang.InterruptedException", null, Signature.ALL_LINES),
            new Signature("cancelled-by-close", "java.util.concurrent.CancellationException", null,
                    Signature.ALL_LINES),
            // A stream the close ended under its reader.
            new Signature("stream-ended", "java.io.EOFException", null, Signature.ALL_LINES));

    private Signatures() {
    }

    /** The built-in table, the libraries' signatures, and one signature per user marker ("class: message"). */
    public static List<Signature> with(List<Signature> libraries, List<String> extraMarkers) {
        List<Signature> all = new ArrayList<>(BUILT_IN);
        all.addAll(libraries);
        for (String marker : extraMarkers) {
            all.add(new Signature("extra", "*", marker, Signature.ALL_LINES));
        }
        return List.copyOf(all);
    }
}
