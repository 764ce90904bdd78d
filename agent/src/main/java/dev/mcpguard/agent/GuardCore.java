package dev.mcpguard.agent;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signatures;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.exit.ExitCleanup;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.ownership.Timer;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.reconnect.HostLoops;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.session.SessionRegistry;
import java.lang.instrument.Instrumentation;

/**
 * The library-agnostic core, assembled once from the configuration: sessions, their owners and closes, artifacts
 * and budgets, the exit cleanup. Each instrumented library's runtime hands its calls to these parts.
 */
final class GuardCore {

    private final SessionRegistry registry = new SessionRegistry();
    private final OwnerPool owners;
    private final CloseMarshaller closer;
    private final ArtifactClassifier classifier;
    private final Budgets budgets;
    private final int maxArtifactStreak;

    GuardCore(GuardConfig config, Instrumentation instrumentation) {
        Timer timer = new Timer();
        this.owners = new OwnerPool(config.get(Settings.OWNER_THREADS), timer);
        this.closer = new CloseMarshaller(registry, owners, config.get(Settings.CLOSE_TIMEOUT),
                config.enabled(Feature.TERMINATION), timer);
        this.classifier = new ArtifactClassifier(Signatures.with(config.get(Settings.ARTIFACT_EXTRA_MARKERS)),
                GuardCore::isTeardownFrame);
        this.maxArtifactStreak = config.get(Settings.RECONNECT_MAX_ARTIFACT_STREAK);
        this.budgets = new Budgets(server -> new ReconnectBudget(server, config.get(Settings.RECONNECT_BACKOFF),
                config.get(Settings.RECONNECT_MAX_BACKOFF), config.get(Settings.RECONNECT_MAX_FAILURES),
                maxArtifactStreak, System::nanoTime));
        if (config.enabled(Feature.EXIT_CLEANUP) && config.enabled(Feature.CLOSE_MARSHALLING)) {
            ExitCleanup.install(registry, closer, config.get(Settings.CLOSE_TIMEOUT), config.get(Settings.EXIT_GRACE),
                    instrumentation);
        }
    }

    /** A frame of the agent's own close, or of its refusal of a closed client: what is made there follows a close. */
    private static boolean isTeardownFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith(CloseMarshaller.class.getName())
                || frame.getClassName().equals(ClosedGuard.class.getName());
    }

    SessionRegistry registry() {
        return registry;
    }

    OwnerPool owners() {
        return owners;
    }

    CloseMarshaller closer() {
        return closer;
    }

    ArtifactClassifier classifier() {
        return classifier;
    }

    Budgets budgets() {
        return budgets;
    }

    /** The decisions for the host's declared reconnect attempts. */
    HostLoops hostLoops() {
        return new HostLoops(classifier, registry, maxArtifactStreak);
    }
}
