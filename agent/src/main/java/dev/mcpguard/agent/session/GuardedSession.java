package dev.mcpguard.agent.session;

import dev.mcpguard.agent.ownership.Owner;
import dev.mcpguard.agent.reconnect.ReconnectBudget;
import dev.mcpguard.agent.termination.Teardown;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP client session as the agent sees it: the owner it was pinned to when it opened, how to tear its
 * transport down, and whether its close has begun. The client and transport are held weakly; what the agent keeps
 * must never keep a session alive.
 */
public final class GuardedSession {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String transportType;
    private final long openedAtNanos = System.nanoTime();
    /**
     * The thread that built the client: the host loop whose attempt this session belongs to. Weak, like everything
     * here: a session must not keep a finished thread alive.
     */
    private final WeakReference<Thread> opener = new WeakReference<>(Thread.currentThread());
    private final Owner owner;
    private final WeakReference<Object> client;
    private final WeakReference<Object> initializer;
    private final WeakReference<Object> transport;
    private final boolean adopted;
    private volatile String deathCause;
    private final Teardown teardown;
    private final ReconnectBudget budget;
    private CompletableFuture<Boolean> closed;
    /** Set once, when the close is asked for. */
    private volatile TeardownBegan teardownBegan;
    private final CompletableFuture<Void> sdkCloseInvoked = new CompletableFuture<>();

    GuardedSession(Object client, Object transport, Object initializer, Owner owner, Teardown teardown,
            ReconnectBudget budget, boolean adopted) {
        this.budget = budget;
        this.client = new WeakReference<>(client);
        this.initializer = new WeakReference<>(initializer);
        this.transport = new WeakReference<>(transport);
        this.adopted = adopted;
        this.transportType = transport == null ? "no transport" : transport.getClass().getSimpleName();
        this.owner = owner;
        this.teardown = teardown;
    }

    public Object client() {
        return client.get();
    }

    public Object initializer() {
        return initializer.get();
    }

    public Object transport() {
        return transport.get();
    }

    public long id() {
        return id;
    }

    /**
     * True for a session that opened before the agent was attached: the agent learnt of it at its first close, so
     * its age counts from then.
     */
    public boolean adopted() {
        return adopted;
    }

    /** Why the session is dead though nobody closed it (its server process exited), or null. */
    public String deathCause() {
        return deathCause;
    }

    public void died(String cause) {
        deathCause = cause;
    }

    public Owner owner() {
        return owner;
    }

    /** How often this session may try to (re-)connect. */
    public ReconnectBudget budget() {
        return budget;
    }

    public Teardown teardown() {
        return teardown;
    }

    public String transportType() {
        return transportType;
    }

    public long openedAtNanos() {
        return openedAtNanos;
    }

    /** The thread that built the client, or null once that thread is gone. */
    public Thread opener() {
        return opener.get();
    }

    public long ageMillis() {
        return (System.nanoTime() - openedAtNanos) / 1_000_000;
    }

    /**
     * Begins the close once: the first caller gets {@code true} and must start it; every later caller (a second
     * thread, a close() after a closeGracefully()) joins the same outcome.
     */
    public synchronized boolean beginClose() {
        if (closed != null) {
            return false;
        }
        closed = new CompletableFuture<>();
        return true;
    }

    /** Whether the client had completed initialization: asked when its close begins. */
    public boolean wasReady() {
        Object c = client.get();
        if (c == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(c.getClass().getMethod("isInitialized").invoke(c));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Records, once, that the current thread asked for the close, now. */
    void recordTeardown() {
        teardownBegan = new TeardownBegan(System.nanoTime(), wasReady(), Thread.currentThread());
    }

    /** When and by whom the close was asked for, or null while the session is open. */
    public TeardownBegan teardownBegan() {
        return teardownBegan;
    }

    public synchronized boolean closeBegan() {
        return closed != null;
    }

    /** Completes with whether the session's resources are released; only after {@link #beginClose()}. */
    public synchronized CompletableFuture<Boolean> closed() {
        return closed;
    }

    /** Completes when the owner has handed the close to the SDK's own code. */
    public CompletableFuture<Void> sdkCloseInvoked() {
        return sdkCloseInvoked;
    }

    @Override
    public String toString() {
        return "MCP session #" + id + " (" + transportType + ")";
    }
}
