package dev.mcpguard.agent.session;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP client session as the agent sees it: which client library object it is (through its handle, which holds
 * it weakly), which server it talks to, how to tear its transport down, and how far its close has got. Nothing
 * here keeps a session, a client or a thread alive.
 */
public final class GuardedSession {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ClientHandle client;
    private final String transportType;
    private final String server;
    private final Teardown teardown;
    private final boolean adopted;
    private final long openedAtNanos = System.nanoTime();
    /**
     * The thread that built the client: the host loop whose attempt this session belongs to. Weak: a session must
     * not keep a finished thread alive.
     */
    private final WeakReference<Thread> opener = new WeakReference<>(Thread.currentThread());
    private volatile String deathCause;
    private CompletableFuture<Boolean> closed;
    /** Set once, when the close is asked for. */
    private volatile TeardownBegan teardownBegan;
    private final CompletableFuture<Void> libraryCloseInvoked = new CompletableFuture<>();

    /**
     * @param transportType the transport's simple class name, for every line that names the session
     * @param server the server in words that carry no secret ({@code http://127.0.0.1:3001}, {@code node})
     * @param adopted true for a session that opened before the agent was attached (learnt of at its first close)
     */
    GuardedSession(ClientHandle client, String transportType, String server, Teardown teardown, boolean adopted) {
        this.client = client;
        this.transportType = transportType;
        this.server = server;
        this.teardown = teardown;
        this.adopted = adopted;
    }

    public ClientHandle client() {
        return client;
    }

    public long id() {
        return id;
    }

    /** Whether the agent learnt of this session only at its first close (it opened before an attach). */
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

    public Teardown teardown() {
        return teardown;
    }

    public String transportType() {
        return transportType;
    }

    public String server() {
        return server;
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

    /** Records, once, that the current thread asked for the close, now. */
    void recordTeardown() {
        teardownBegan = new TeardownBegan(System.nanoTime(), client.isReady(), Thread.currentThread());
    }

    /** When and by whom the close was asked for, or null while the session is open. */
    public TeardownBegan teardownBegan() {
        return teardownBegan;
    }

    public synchronized boolean closeBegan() {
        return closed != null;
    }

    /** Completes with whether the session is closed or was terminated; only after {@link #beginClose()}. */
    public synchronized CompletableFuture<Boolean> closed() {
        return closed;
    }

    /** Completes when the owner has handed the close to the library's own code (or the close ended without it). */
    public CompletableFuture<Void> libraryCloseInvoked() {
        return libraryCloseInvoked;
    }

    @Override
    public String toString() {
        return "MCP session #" + id + " (" + transportType + ")";
    }
}
