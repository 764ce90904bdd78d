package dev.mcpguard.agent;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signatures;
import dev.mcpguard.agent.artifacts.Verdict;
import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.ownership.Timer;
import dev.mcpguard.agent.reconnect.HostLoops;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.reflect.Reactor;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.termination.ExitCleanup;
import dev.mcpguard.agent.termination.Liveness;
import dev.mcpguard.agent.termination.StdioTransports;
import dev.mcpguard.bootstrap.GuardCounters;
import dev.mcpguard.bootstrap.SessionHooks;
import java.lang.instrument.Instrumentation;

/**
 * Receives every call the woven SDK makes and routes it to the part that handles it. A feature that is switched
 * off is not woven at all, so no call reaches here for it. A session the agent did not see open (it opened before
 * an attach) is adopted at its first close and guarded from then on; until then it gets "no decision", and the
 * SDK's own code runs.
 */
final class GuardRuntime implements SessionHooks.Listener {

    private final SessionRegistry registry;
    private final CloseMarshaller closer;
    private final ArtifactClassifier classifier;

    GuardRuntime(GuardConfig config, Instrumentation instrumentation) {
        Timer timer = new Timer();
        this.registry = new SessionRegistry(new OwnerPool(config.get(Settings.OWNER_THREADS), timer),
                server -> new ReconnectBudget(server, config.get(Settings.RECONNECT_BACKOFF),
                        config.get(Settings.RECONNECT_MAX_BACKOFF), config.get(Settings.RECONNECT_MAX_FAILURES),
                        config.get(Settings.RECONNECT_MAX_ARTIFACT_STREAK), System::nanoTime));
        this.closer = new CloseMarshaller(registry, config.get(Settings.CLOSE_TIMEOUT),
                config.enabled(Feature.TERMINATION), config.enabled(Feature.SESSIONS), timer);
        this.classifier = new ArtifactClassifier(Signatures.with(config.get(Settings.ARTIFACT_EXTRA_MARKERS)),
                GuardRuntime::isTeardownFrame);
        if (config.enabled(Feature.EXIT_CLEANUP) && config.enabled(Feature.CLOSE_MARSHALLING)) {
            ExitCleanup.install(registry, closer, config.get(Settings.CLOSE_TIMEOUT), config.get(Settings.EXIT_GRACE),
                    instrumentation);
        }
    }

    /** A frame of the agent's own close, or of its refusal of a closed client: what is made there follows a close. */
    private static boolean isTeardownFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith(CloseMarshaller.class.getName())
                || (frame.getClassName().equals(GuardRuntime.class.getName())
                        && frame.getMethodName().equals("refuseIfClosed"));
    }

    /** The decisions for the host's declared reconnect attempts. */
    HostLoops hostLoops(GuardConfig config) {
        return new HostLoops(classifier, registry, config.get(Settings.RECONNECT_MAX_ARTIFACT_STREAK));
    }

    /** The sessions, for the status the agent publishes. */
    SessionRegistry registry() {
        return registry;
    }

    @Override
    public void opened(Object client, Object transport, Object initializer) {
        registry.opened(client, transport, initializer);
    }

    @Override
    public boolean close(Object client) {
        return closer.close(client);
    }

    @Override
    public Object closeGracefully(Object client) {
        return closer.closeGracefully(client);
    }

    @Override
    public Boolean closeGracefullyAndWait(Object asyncClient) {
        return closer.closeGracefullyAndWait(asyncClient);
    }

    @Override
    public Object refuseIfClosed(Object initializer, String action) {
        GuardedSession session = registry.byInitializer(initializer);
        if (session == null) {
            return null;
        }
        String refusal;
        if (session.closeBegan()) {
            refusal = session + " is closed; '" + action + "' refused. A closed MCP client stays closed: "
                    + "build a new client to reconnect.";
        } else if (session.deathCause() != null) {
            refusal = session.deathCause() + "; '" + action + "' refused: build a new client to reconnect.";
        } else {
            return null;
        }
        GuardCounters.increment("resurrections.refused");
        GuardLog.debug(refusal);
        return Reactor.of(initializer).error(new IllegalStateException(refusal));
    }

    @Override
    public Object initializing(Object initializer) {
        GuardedSession session = registry.byInitializer(initializer);
        String refusal = session == null ? null : session.budget().refusal();
        return refusal == null ? null : Reactor.of(initializer).error(new IllegalStateException(refusal));
    }

    @Override
    public Object initializationStarted(Object initializer, Object attempt) {
        GuardedSession session = registry.byInitializer(initializer);
        if (session == null) {
            return attempt;
        }
        ReconnectBudget budget = session.budget();
        return Reactor.of(initializer).observe(attempt, budget::succeeded,
                error -> budget.failed(classifier.classify(error, session.closeBegan(), null)),
                () -> {
                    // Cancelled: by our own close (nothing to count), or by the SDK's initialization timeout.
                    if (!session.closeBegan()) {
                        budget.failed(new Verdict(false, "initialization timed out"));
                    }
                });
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
    public void stdioStarted(Object transport, Object process) {
        GuardedSession session = registry.byTransport(transport);
        if (session == null || !(process instanceof Process)) {
            return;
        }
        if (session.closeBegan()) {
            // An initialization that passed the closed guard just before the close began: its server is too late.
            GuardCounters.increment("resurrections.refused");
            GuardLog.debug(session + " is closed; terminating the server process its last initialization started");
            StdioTransports.terminateStaleProcess(transport);
            return;
        }
        Liveness.watch(session, (Process) process);
    }
}
