package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.artifacts.ArtifactClassifier;
import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.core.GuardCore;
import dev.mcpguard.agent.liveness.Liveness;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.reconnect.Budgets;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.agent.termination.ProcessTrees;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.Collections;

/**
 * Receives every call the woven LangChain4j client makes and hands it to the core in the core's terms. A feature
 * that is switched off is not woven, so no call reaches here for it. A client built before an attach is adopted at
 * its first close; until then it gets "no decision", and LangChain4j's own code runs.
 */
public final class LangChain4jRuntime implements LangChain4jHooks.Listener {

    private final SessionRegistry registry;
    private final CloseMarshaller closer;
    private final ArtifactClassifier classifier;
    private final Budgets budgets;
    private final boolean adoptUnknown;
    private final boolean liveness;
    /** The clients being built whose constructor's initialization their server's budget let go: when it started. */
    private final WeakIdentityMap<Long> constructionsStarted = new WeakIdentityMap<>();
    private static final StackWalker STACK = StackWalker.getInstance();

    /**
     * @param adoptUnknown whether a client the registry does not know (built before the agent was attached) is
     *     registered at its close and marshalled like any other; false when session tracking is switched off
     * @param liveness whether the server process of each session is watched (the liveness feature)
     */
    public LangChain4jRuntime(GuardCore core, boolean adoptUnknown, boolean liveness) {
        this.registry = core.registry();
        this.closer = core.closer();
        this.classifier = core.classifier();
        this.budgets = core.budgets();
        this.adoptUnknown = adoptUnknown;
        this.liveness = liveness;
    }

    @Override
    public void opened(Object client, Object transport) {
        GuardedSession session = open(client, transport, false);
        if (liveness) {
            // The constructor's initialize() started the first server before the session was known.
            watchServer(session);
        }
    }

    /** {@code initialize()} of a known session, a reconnection, started a server process; see opened for the first. */
    @Override
    public void serverStarted(Object client) {
        GuardedSession session = registry.byClient(client);
        if (session != null && !session.closeBegan()) {
            watchServer(session);
        }
    }

    /**
     * Only the transport's current server fails the requests: one a reconnection replaced (LangChain4j before 1.19
     * leaves it running, langchain4j #5756) may exit later, while the new one answers them.
     */
    private static void watchServer(GuardedSession session) {
        LangChain4jClient client = (LangChain4jClient) session.client();
        Process process = client.process();
        if (process != null) {
            Liveness.watch(session, process, cause -> client.process() == process ? client.failPending(cause) : 0);
        }
    }

    private GuardedSession open(Object client, Object transport, boolean adopted) {
        String transportType = transport == null ? "no transport" : transport.getClass().getSimpleName();
        return registry.open(client, Collections.singletonList(transport),
                new LangChain4jClient(client, transport), transportType, LangChain4jClient.serverName(transport),
                LangChain4jTeardowns.of(client, transport), adopted);
    }

    /**
     * LangChain4j's close blocks its caller only briefly (it signals the server and returns), whatever the thread, so
     * every caller may wait for the owner to have run it; the core hands it over on the agent's own threads.
     */
    @Override
    public boolean close(Object client) {
        GuardedSession session = session(client);
        if (session == null) {
            return false;
        }
        closer.close(session, true);
        return true;
    }

    @Override
    public boolean refuseReopen(Object client, String action) {
        GuardedSession session = registry.byClient(client);
        // Only a close refuses: a server that died is what LangChain4j's own reconnection is for.
        return session != null && session.closeBegan() && ClosedGuard.refusal(session, action) != null;
    }

    @Override
    public void stdioStarted(Object transport, Object process) {
        GuardedSession session = registry.find(transport);
        if (session == null || !(process instanceof Process) || !ClosedGuard.refusesLateServer(session)) {
            return;
        }
        Process late = (Process) process;
        Liveness.endingOnPurpose(late);
        int killed = ProcessTrees.destroyTree(late);
        GuardLog.debug(session + ": terminated the server process a reconnection started after the close (pid "
                + late.pid() + ", " + killed + " process(es))");
    }

    /**
     * LangChain4j reconnects on every failed health check and after every transport failure, at a fixed interval and
     * without end (langchain4j #2977): each reconnection is an attempt against the session's budget, which spaces
     * real failures by its backoff and stops them with its circuit. A refused attempt is simply not made; the next
     * health check asks again.
     */
    @Override
    public boolean reconnectionRefused(Object client) {
        GuardedSession session = registry.byClient(client);
        // A closed client's reconnection is the closed guard's to refuse; it must not look like a budget refusal.
        String refusal = session == null || session.closeBegan() ? null : budgets.of(session).refusal();
        if (refusal == null) {
            return false;
        }
        GuardLog.debug(session + ": reconnection refused: " + refusal);
        return true;
    }

    /**
     * The constructor's own initialization, before the session is known, asks the budget of its server, by key; it
     * is refused only while that circuit is open, and its failure counts as a call's does (calls started together
     * fail once, and set no wait before the circuit opens), so that a host that builds a new client after each
     * failure probes a server gone for good once per backoff, not at its own pace, while a pool of clients built
     * together in a short outage does not open the circuit by itself. Any other initialization of a client the
     * registry does not know (one built before an attach, or with session tracking off) is left alone.
     */
    @Override
    public RuntimeException initializationRefusal(Object client) {
        if (registry.byClient(client) != null || !calledByConstructor()) {
            return null;
        }
        ReconnectBudget budget = serverBudget(unregistered(client));
        if (budget == null) {
            return null;
        }
        String refusal = budget.refusalIfOpen();
        if (refusal == null) {
            constructionsStarted.put(client, budget.now());
            return null;
        }
        GuardLog.debug("a LangChain4j client's construction refused: " + refusal);
        return new IllegalStateException(refusal);
    }

    @Override
    public void initialized(Object client, Throwable thrown) {
        Long started = constructionsStarted.remove(client);
        if (started != null) {
            constructed(client, thrown, started);
            return;
        }
        GuardedSession session = registry.byClient(client);
        if (session == null || session.closeBegan()) {
            return;
        }
        if (thrown == null) {
            budgets.of(session).succeeded();
        } else {
            budgets.failed(session, classifier.classify(thrown, false, null), thrown);
        }
    }

    private void constructed(Object client, Throwable thrown, long startedNanos) {
        LangChain4jClient handle = unregistered(client);
        ReconnectBudget budget = serverBudget(handle);
        if (budget == null) {
            return;
        }
        if (thrown == null) {
            budget.succeeded();
        } else {
            budgets.failed(handle, budget, classifier.classify(thrown, false, null), thrown, startedNanos);
        }
    }

    /** Whether the running {@code initialize()} was called by {@code DefaultMcpClient}'s constructor. */
    private static boolean calledByConstructor() {
        return STACK.walk(frames -> {
            boolean inInitialize = false;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames.limit(16)::iterator) {
                boolean ofClient = frame.getClassName().equals(LangChain4j.CLIENT);
                if (inInitialize) {
                    return ofClient && frame.getMethodName().equals("<init>");
                }
                inInitialize = ofClient && frame.getMethodName().equals("initialize");
            }
            return false;
        });
    }

    /** A client that is no session (yet) as the core sees one, to find its server's budget. */
    private static LangChain4jClient unregistered(Object client) {
        return new LangChain4jClient(client, LangChain4j.CLIENT_TRANSPORT.read(client));
    }

    /** The budget of the server a client that is no session connects to; null when its server has no key. */
    private ReconnectBudget serverBudget(LangChain4jClient handle) {
        return budgets.ofServer(handle, handle.serverName());
    }

    private GuardedSession session(Object client) {
        GuardedSession session = registry.byClient(client);
        if (session != null || !adoptUnknown) {
            return session;
        }
        return open(client, LangChain4j.CLIENT_TRANSPORT.read(client), true);
    }
}
