package dev.mcpguard.agent.core;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.artifacts.Signature;
import dev.mcpguard.agent.artifacts.Signatures;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.exit.ExitCleanup;
import dev.mcpguard.agent.keepalive.Keepalive;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.ownership.Timer;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.reconnect.HostLoops;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.reconnect.ServerWatch;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.termination.HttpClientTeardown;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The library-agnostic core, assembled once from the configuration: sessions, their owners and closes, artifacts
 * and budgets, the exit cleanup. Each instrumented library's runtime hands its calls to these parts.
 */
public final class GuardCore {

    private final SessionRegistry registry;
    private final OwnerPool owners;
    private final CloseMarshaller closer;
    private final ArtifactClassifier classifier;
    private final Budgets budgets;
    private final int maxArtifactStreak;

    /** The parts as they are; {@link #from} assembles them from the configuration. */
    public GuardCore(SessionRegistry registry, OwnerPool owners, CloseMarshaller closer,
            ArtifactClassifier classifier, Budgets budgets, int maxArtifactStreak) {
        this.registry = registry;
        this.owners = owners;
        this.closer = closer;
        this.classifier = classifier;
        this.budgets = budgets;
        this.maxArtifactStreak = maxArtifactStreak;
    }

    /**
     * What the woven code needs from its first call on ({@code libraryArtifacts}: every instrumented library's teardown
     * signatures). The JDK internals that end an HTTP session's client on JDK 17
     * to 20 are only given the instrumentation here: they are looked up by the first close that needs them.
     */
    public static GuardCore from(GuardConfig config, Instrumentation instrumentation,
            List<Signature> libraryArtifacts) {
        SessionRegistry registry = new SessionRegistry();
        Timer timer = new Timer();
        OwnerPool owners = new OwnerPool(config.get(Settings.OWNER_THREADS), timer);
        CloseMarshaller closer = new CloseMarshaller(registry, owners, config.get(Settings.CLOSE_TIMEOUT),
                config.enabled(Feature.TERMINATION), timer);
        ArtifactClassifier classifier = new ArtifactClassifier(
                Signatures.with(libraryArtifacts, config.get(Settings.ARTIFACT_EXTRA_MARKERS)),
                GuardCore::isTeardownFrame);
        int maxArtifactStreak = config.get(Settings.RECONNECT_MAX_ARTIFACT_STREAK);
        Budgets budgets = new Budgets(server -> new ReconnectBudget(server, config.get(Settings.RECONNECT_BACKOFF),
                config.get(Settings.RECONNECT_MAX_BACKOFF), config.get(Settings.RECONNECT_MAX_FAILURES),
                maxArtifactStreak, System::nanoTime), (address, budget) -> new ServerWatch(address, budget,
                timer::after, config.get(Settings.RECONNECT_MAX_BACKOFF).multipliedBy(2), System::nanoTime));
        config.get(Settings.KEEPALIVE_INTERVAL).ifPresent(interval ->
                Keepalive.start(registry, budgets, timer, interval));
        HttpClientTeardown.prepare(instrumentation);
        return new GuardCore(registry, owners, closer, classifier, budgets, maxArtifactStreak);
    }

    /**
     * The exit cleanup, set up once the classes to weave may load, off the host's critical path at start (it opens
     * {@code java.lang} to the agent): a session opened meanwhile is in the registry, which it reads when the JVM exits.
     */
    public void installExitCleanup(GuardConfig config, Instrumentation instrumentation) {
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

    public SessionRegistry registry() {
        return registry;
    }

    public OwnerPool owners() {
        return owners;
    }

    public CloseMarshaller closer() {
        return closer;
    }

    public ArtifactClassifier classifier() {
        return classifier;
    }

    public Budgets budgets() {
        return budgets;
    }

    /** The decisions for the host's declared reconnect attempts. */
    public HostLoops hostLoops() {
        return new HostLoops(classifier, registry, maxArtifactStreak);
    }
}
