package dev.mcpguard.agent.artifacts;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The one place that decides whether an error is a teardown artifact. An error is an artifact only if the session
 * it concerns had been ready, its teardown (which the agent owns, so it knows) began before the error, and every
 * leaf of the error matches an artifact signature. The caller answers the first two; this class walks the error:
 * causes, suppressed exceptions, Reactor composites and the usual wrappers, with cycle protection and a depth bound.
 * A single real leaf (a {@code ConnectException} beside an artifact) makes the whole error real.
 *
 * <p>A leaf can also prove by itself that it came after a teardown began: one made inside the agent's own close (or
 * its refusal of a closed client) carries that close in its stack, whoever asked for the close and whenever the
 * caller looked.
 */
public final class ArtifactClassifier {

    /** Deeper than any real error chain; a deeper one is treated as real rather than walked for ever. */
    static final int MAX_DEPTH = 32;
    private static final String CLIENT_FAILED_TO_INITIALIZE = "Client failed to initialize";

    private final List<Signature> signatures;
    private final Predicate<StackTraceElement> teardownFrame;

    public ArtifactClassifier(List<Signature> signatures) {
        this(signatures, frame -> false);
    }

    /** @param teardownFrame recognises a frame of the agent's own close: a leaf made there follows a teardown */
    public ArtifactClassifier(List<Signature> signatures, Predicate<StackTraceElement> teardownFrame) {
        this.signatures = List.copyOf(signatures);
        this.teardownFrame = teardownFrame;
    }

    /**
     * @param error what was thrown
     * @param teardownOfReadySessionBegan whether a session this error concerns was ready and its teardown began
     *        before the error
     * @param sdkLine the SDK line of that session ("0", "1", "2"), or null when unknown (then every signature applies)
     */
    public Verdict classify(Throwable error, boolean teardownOfReadySessionBegan, String sdkLine) {
        if (error == null) {
            return Verdict.real("no error");
        }
        List<Throwable> leaves = new ArrayList<>();
        if (!collectLeaves(error, leaves)) {
            return Verdict.real("error too deep to classify: " + describe(error));
        }
        if (!teardownOfReadySessionBegan && !leaves.stream().allMatch(this::madeInTeardown)) {
            // Whatever it looks like, nothing of ours was being torn down before it: name the innermost cause.
            return Verdict.real(describe(leaves.isEmpty() ? error : leaves.get(leaves.size() - 1)));
        }
        String explained = null;
        for (Throwable leaf : leaves) {
            String signature = match(leaf, sdkLine);
            if (signature == null) {
                return Verdict.real(describe(leaf));
            }
            explained = explained == null ? signature : explained;
        }
        return explained == null ? Verdict.real(describe(error)) : Verdict.artifact(explained);
    }

    private boolean madeInTeardown(Throwable leaf) {
        for (StackTraceElement frame : leaf.getStackTrace()) {
            if (teardownFrame.test(frame)) {
                return true;
            }
        }
        return false;
    }

    private String match(Throwable leaf, String sdkLine) {
        for (Signature signature : signatures) {
            if (signature.matches(leaf, sdkLine)) {
                return signature.name();
            }
        }
        return null;
    }

    /**
     * Returns false when the bound was hit. A wrapper (ExecutionException, ReactiveException, a Reactor composite,
     * "Client failed to initialize ...", a plain rethrow) stands for what it carries; any other error is a leaf judged by its own
     * type and message, and what it carries (cause, suppressed) is judged beside it.
     */
    private static boolean collectLeaves(Throwable root, List<Throwable> leaves) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        todo.push(root);
        depths.push(0);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            int depth = depths.pop();
            if (!seen.add(t) || isTraceMarker(t)) {
                continue;
            }
            if (depth > MAX_DEPTH) {
                return false;
            }
            List<Throwable> carried = carried(t);
            if (!isWrapper(t) || carried.isEmpty()) {
                leaves.add(t);
            }
            for (Throwable child : carried) {
                todo.push(child);
                depths.push(depth + 1);
            }
        }
        return true;
    }

    private static List<Throwable> carried(Throwable t) {
        List<Throwable> carried = new ArrayList<>(List.of(t.getSuppressed()));
        Throwable cause = t.getCause();
        if (cause != null && cause != t) {
            carried.add(cause);
        }
        return carried;
    }

    private static boolean isWrapper(Throwable t) {
        String type = t.getClass().getName();
        return t instanceof ExecutionException
                || t instanceof CompletionException
                || t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException
                || type.equals("reactor.core.Exceptions$ReactiveException")
                || type.equals("reactor.core.Exceptions$CompositeException")
                || (t.getMessage() != null && t.getMessage().startsWith(CLIENT_FAILED_TO_INITIALIZE))
                || isPlainWrapper(t);
    }

    /**
     * {@code new RuntimeException(cause)}, the usual way to rethrow a checked exception (LangChain4j's client does it
     * around every request's {@code ExecutionException}): its message is its cause's {@code toString()}, it says
     * nothing of its own.
     */
    private static boolean isPlainWrapper(Throwable t) {
        Throwable cause = t.getCause();
        return cause != null && cause != t && t.getMessage() != null && t.getMessage().equals(cause.toString());
    }

    /** Reactor attaches "#block terminated with an error" and assembly traces as suppressed: not errors. */
    private static boolean isTraceMarker(Throwable t) {
        String message = t.getMessage();
        return (message != null && message.startsWith("#block"))
                || t.getClass().getName().startsWith("reactor.core.publisher.FluxOnAssembly$");
    }

    static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }
}
