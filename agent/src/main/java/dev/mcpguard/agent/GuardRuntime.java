package dev.mcpguard.agent;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.reflect.Reactor;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.termination.ExitCleanup;
import dev.mcpguard.agent.termination.Liveness;
import dev.mcpguard.agent.termination.StdioTransports;
import dev.mcpguard.bootstrap.GuardCounters;
import dev.mcpguard.bootstrap.SessionHooks;

/**
 * Receives every call the woven SDK makes and routes it to the part that handles it. A feature that is switched
 * off is not woven at all, so no call reaches here for it. A session the agent did not see open (it opened before
 * an attach) is adopted at its first close and guarded from then on; until then it gets "no decision", and the
 * SDK's own code runs.
 */
final class GuardRuntime implements SessionHooks.Listener {

    private final SessionRegistry registry;
    private final CloseMarshaller closer;

    GuardRuntime(GuardConfig config) {
        this.registry = new SessionRegistry(new OwnerPool(config.get(Settings.OWNER_THREADS)));
        this.closer = new CloseMarshaller(registry, config.get(Settings.CLOSE_TIMEOUT),
                config.enabled(Feature.TERMINATION), config.enabled(Feature.SESSIONS));
        if (config.enabled(Feature.EXIT_CLEANUP) && config.enabled(Feature.CLOSE_MARSHALLING)) {
            ExitCleanup.install(registry, closer, config.get(Settings.CLOSE_TIMEOUT));
        }
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
