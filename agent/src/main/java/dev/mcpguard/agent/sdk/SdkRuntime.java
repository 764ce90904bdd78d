package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.core.GuardCore;
import dev.mcpguard.agent.liveness.Liveness;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.reconnect.ConnectionFailures;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.bootstrap.GuardCounters;
import dev.mcpguard.bootstrap.SessionHooks;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives every call the woven SDK makes and hands it to the core in the core's terms: a session, its handle and
 * teardown, whether the caller may wait. A feature that is switched off is not woven at all, so no call reaches
 * here for it. A session the agent did not see open (it opened before an attach) is adopted at its first close and
 * guarded from then on; until then it gets "no decision", and the SDK's own code runs.
 */
public final class SdkRuntime implements SessionHooks.Listener {

    /** How often an initialization that waits for its turn asks the budget again. */
    private static final long WAIT_STEP_NANOS = Duration.ofMillis(100).toNanos();

    private final SessionRegistry registry;
    private final CloseMarshaller closer;
    private final ArtifactClassifier classifier;
    private final Budgets budgets;
    private final boolean adoptUnknown;
    private final HttpPostStreams postStreams;
    /**
     * Set, to the end of its wait (budget clock), while an initialization that waits for the budget asks again: it
     * waits in steps, so that a server seen back (its {@code ServerWatch}) ends the wait early, and only once.
     */
    private final ThreadLocal<Long> waitingUntil = new ThreadLocal<>();

    /**
     * @param adoptUnknown whether a client the registry does not know (it opened before the agent was attached) is
     *     registered at its close and marshalled like any other; false when session tracking is switched off
     */
    public SdkRuntime(GuardCore core, boolean adoptUnknown) {
        this.registry = core.registry();
        this.closer = core.closer();
        this.classifier = core.classifier();
        this.budgets = core.budgets();
        this.adoptUnknown = adoptUnknown;
        this.postStreams = new HttpPostStreams(registry);
    }

    @Override
    public void opened(Object client, Object transport, Object initializer) {
        open(client, transport, initializer, false);
    }

    private GuardedSession open(Object client, Object transport, Object initializer, boolean adopted) {
        String transportType = transport == null ? "no transport" : transport.getClass().getSimpleName();
        return registry.open(client, Arrays.asList(initializer, transport), new SdkClient(client, transport),
                transportType, ServerNames.of(transport), SdkTeardowns.of(transport), adopted);
    }

    @Override
    public boolean close(Object client) {
        GuardedSession session = session(client);
        if (session == null) {
            return false;
        }
        closer.close(session, mayWait(client));
        return true;
    }

    @Override
    public Object closeGracefully(Object client) {
        GuardedSession session = session(client);
        if (session == null) {
            return null;
        }
        Reactor reactor = Reactor.of(client);
        return reactor.defer(() -> {
            CompletableFuture<Boolean> closed = closer.closeGracefully(session);
            // Composed into a chain, the Mono blocks nothing on any thread. Only a caller that blocks on it right
            // where blocking is the defect (the transport's own thread, which the close interrupts; an agent
            // thread) gets it completed at once, the close handed over.
            if ((!mayWait(client) || CloseMarshaller.onAgentThread()) && blockedOnHere()) {
                GuardCounters.increment(GuardCounters.CLOSES_HANDED_OVER);
                return reactor.empty();
            }
            return reactor.fromFuture(closed.thenCompose(released -> released
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException(session + " could not be closed"))));
        });
    }

    @Override
    public Boolean closeGracefullyAndWait(Object asyncClient) {
        GuardedSession session = session(asyncClient);
        return session == null ? null : closer.closeGracefullyAndWait(session, mayWait(asyncClient));
    }

    @Override
    public Object refuseIfClosed(Object initializer, String action) {
        GuardedSession session = registry.find(initializer);
        IllegalStateException refusal = session == null ? null : ClosedGuard.refusal(session, action);
        return refusal == null ? null : Reactor.of(initializer).error(refusal);
    }

    @Override
    public Object initializing(Object initializer, Object[] arguments) {
        GuardedSession session = registry.find(initializer);
        if (session == null) {
            return null;
        }
        ReconnectBudget budget = budgets.of(session);
        long wait = budget.admit();
        if (wait == 0) {
            return null;
        }
        Reactor reactor = Reactor.of(initializer);
        Long until = waitingUntil.get();
        if (until == null && mayWait(budget, initializer, wait)) {
            GuardCounters.increment(GuardCounters.ATTEMPTS_DELAYED);
            until = budget.now() + wait;
        }
        long left = until == null ? 0 : until - budget.now();
        if (left > 0) {
            long end = until;
            return reactor.after(Duration.ofNanos(Math.min(left, WAIT_STEP_NANOS)),
                    () -> initializeAfterWait(session, initializer, arguments, end));
        }
        IllegalStateException refused = new IllegalStateException(budget.refused(wait));
        // The SDK's own attempt would fail this on error; skipped, it would leave whoever joined the attempt
        // waiting out the whole initialization timeout.
        Object joined = arguments.length == 0 ? null : Sdk.INITIALIZATION_SINK.read(arguments[0]);
        if (joined != null) {
            reactor.tryEmitError(joined, refused);
        }
        return reactor.error(refused);
    }

    /**
     * Whether an initialization the budget cannot admit yet waits for its turn instead of being refused. Refused at
     * once, a host that retries a failed initialization right away (most do, and so does ADK) spends its own retries
     * on refusals and gives up on a server that is back a second later. It waits once, for at most half the SDK's
     * initialization timeout so that the attempt keeps time to succeed, and not while the circuit is open: then the
     * server has failed again and again, and failing fast is what the host needs.
     */
    private static boolean mayWait(ReconnectBudget budget, Object initializer, long waitNanos) {
        if (budget.circuitOpen()) {
            return false;
        }
        Object timeout = Sdk.INITIALIZATION_TIMEOUT.read(initializer);
        return timeout instanceof Duration && waitNanos <= ((Duration) timeout).toNanos() / 2;
    }

    /** The initialization again, through the budget again: another caller may have taken the attempt meanwhile. */
    private Object initializeAfterWait(GuardedSession session, Object initializer, Object[] arguments, long until) {
        if (session.closeBegan()) {
            return Reactor.of(initializer).error(new IllegalStateException(
                    session + " was closed while its initialization waited for the reconnect budget"));
        }
        waitingUntil.set(until);
        try {
            return Sdk.DO_INITIALIZE.invokeDeclared(initializer, arguments);
        } catch (Exception e) {
            return Reactor.of(initializer).error(e);
        } finally {
            waitingUntil.remove();
        }
    }

    @Override
    public Object initializationStarted(Object initializer, Object attempt) {
        GuardedSession session = registry.find(initializer);
        if (session == null) {
            return attempt;
        }
        ReconnectBudget budget = budgets.of(session);
        // One outcome per attempt: a timeout that cancels the attempt just as its own error arrives counts once.
        AtomicBoolean counted = new AtomicBoolean();
        return Reactor.of(initializer).observe(attempt,
                () -> {
                    if (counted.compareAndSet(false, true)) {
                        budget.succeeded();
                    }
                },
                error -> {
                    if (counted.compareAndSet(false, true)) {
                        budgets.failed(session, classifier.classify(error, session.closeBegan(), null), error);
                    }
                },
                () -> {
                    // Cancelled: by our own close (nothing to count), or by the SDK's initialization timeout.
                    if (!session.closeBegan() && counted.compareAndSet(false, true)) {
                        budgets.failed(session, new Verdict(false, "initialization timed out"), null);
                    }
                });
    }

    @Override
    public Object requesting(Object clientSession, String method) {
        GuardedSession session = requestsSession(clientSession, method);
        String refusal = session == null ? null : budgets.of(session).refusalIfOpen();
        return refusal == null ? null : Reactor.of(clientSession).error(new IllegalStateException(refusal));
    }

    @Override
    public Object requestStarted(Object clientSession, String method, Object request) {
        GuardedSession session = requestsSession(clientSession, method);
        if (session == null) {
            return request;
        }
        ReconnectBudget budget = budgets.of(session);
        long started = budget.now();
        return Reactor.of(clientSession).observe(request, budget::succeeded, error -> {
            if (session.closeBegan()) {
                return;
            }
            String failure = ConnectionFailures.of(error);
            if (failure != null) {
                budgets.failed(session, new Verdict(false, failure), error, started);
            } else if (Sdk.answeredByServer(error)) {
                // The server is back: the re-initialization its "no such session" starts must not wait out a
                // backoff that other clients' attempts ran up while it was away (measured: 3.3 s after a 1 s restart).
                budget.succeeded();
            }
        }, () -> { });
    }

    /**
     * The session whose call this is, or null for none to budget: the initialize request is its initialization's
     * (budgeted there), and a closing session's failures are its close's.
     */
    private GuardedSession requestsSession(Object clientSession, String method) {
        if (Sdk.METHOD_INITIALIZE.equals(method)) {
            return null;
        }
        Object transport = Sdk.CLIENT_SESSION_TRANSPORT.read(clientSession);
        GuardedSession session = transport == null ? null : registry.find(transport);
        return session == null || session.closeBegan() ? null : session;
    }

    @Override
    public void stdioTransportCreated(Object transport) {
        StdioTransports.useDaemonThreads(transport);
    }

    @Override
    public void stdioConnecting(Object transport) {
        StdioTransports.terminateStaleProcess(transport);
    }

    @Override
    public void httpTransportBuilt(Object transport, Object clientBuilder) {
        HttpClientOwnership.built(transport, clientBuilder);
    }

    @Override
    public void sseStreamEnded(Object transport, Object signal) {
        GuardedSession session = registry.find(transport);
        if (session != null) {
            SseSessions.streamEnded(session, transport, String.valueOf(signal));
        }
    }

    @Override
    public void httpPostSending(Object transport, Object message) {
        postStreams.sending(transport, message);
    }

    @Override
    public void httpConnectionAdded(Object connection) {
        postStreams.connectionAdded(connection);
    }

    @Override
    public void httpPostEnded(Object connectionRef, Object signal) {
        postStreams.ended(connectionRef, signal);
    }

    @Override
    public void httpStreamResuming(Object transport, Object stream) {
        if (stream != null) {
            HttpPostStreams.resuming();
        }
    }

    @Override
    public Object eventStreamOpened(Object transport, Object body, Object stream) {
        return StreamResumption.observe(transport, body, stream, registry, budgets);
    }

    @Override
    public void stdioStarted(Object transport, Object process) {
        GuardedSession session = registry.find(transport);
        if (session == null || !(process instanceof Process)) {
            return;
        }
        if (ClosedGuard.refusesLateServer(session)) {
            // An initialization that passed the closed guard just before the close began: its server is too late.
            StdioTransports.terminateStaleProcess(transport);
            return;
        }
        SdkClient client = (SdkClient) session.client();
        Liveness.watch(session, (Process) process, cause -> PendingRequests.fail(client.initializer(), cause));
    }

    private GuardedSession session(Object client) {
        GuardedSession session = registry.byClient(client);
        if (session != null || !adoptUnknown) {
            return session;
        }
        return open(client, Sdk.CLIENT_TRANSPORT_FIELD.read(client), Sdk.CLIENT_INITIALIZER.read(client), true);
    }

    /**
     * Waiting for a close is itself the defect on Reactor non-blocking threads (blocking there throws) and on the
     * stdio transport's own threads (the close shuts down the very executor the caller runs on, and interrupts it);
     * the core adds the agent's own threads.
     */
    private static boolean mayWait(Object sdkObject) {
        if (Reactor.of(sdkObject).isNonBlocking(Thread.currentThread())) {
            return false;
        }
        return !StackWalker.getInstance().walk(frames ->
                frames.anyMatch(frame -> frame.getClassName().startsWith(Sdk.STDIO_TRANSPORT)));
    }

    /**
     * Whether the subscription now under way comes from a Reactor {@code block()} on this thread, which waits for the
     * outcome right here, rather than from a chain that goes on when the outcome comes.
     */
    private static boolean blockedOnHere() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getClassName().startsWith("reactor.core.publisher.") && frame.getMethodName().startsWith("block")));
    }
}
