package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signature;
import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import java.util.List;
import java.util.Set;

/**
 * Whether a failed tool call never reached the server, so that running it again cannot run it twice: every leaf of
 * its error is a failure to send. A teardown artifact of a call in flight (the session closed under it) is not: the
 * server may have run it.
 */
final class UnsentCalls {

    private static final Set<String> ANY_SDK_LINE = Set.of();

    private static final ArtifactClassifier NEVER_SENT = new ArtifactClassifier(List.of(
            new Signature("connection-refused", "java.net.ConnectException", null, ANY_SDK_LINE),
            // The agent's refusal of a call on a closed or dead client: refused before it was sent.
            new Signature("refused-by-agent", "java.lang.IllegalStateException", ClosedGuard.REFUSED, ANY_SDK_LINE),
            // SDK lines before 2 reject a send their outbound sink does not take.
            new Signature("not-enqueued", "java.lang.RuntimeException", "Failed to enqueue message", ANY_SDK_LINE)));

    private UnsentCalls() {
    }

    /** An "artifact" verdict: the call was never sent; a "real" one names what may have reached the server. */
    static Verdict classify(Throwable error) {
        // The call's session was in use, and its error is about that session: only the leaves decide.
        return NEVER_SENT.classify(error, true, null);
    }
}
