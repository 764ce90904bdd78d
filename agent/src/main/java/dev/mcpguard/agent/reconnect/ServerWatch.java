package dev.mcpguard.agent.reconnect;

import dev.mcpguard.bootstrap.GuardCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Watches the port of a server that refused connections for it to listen again, and then ends its budget's wait:
 * a server restarted in a second is used again within tens of milliseconds, not at the budget's next backoff step,
 * while a server gone for good still gets no more attempts than the budget allows (a probe that is refused reaches
 * no program, and one that connects is closed before a byte is sent). Only a port seen refusing and then accepting
 * means the server is back: a port that accepts and drops connections (a proxy before a dead server) says nothing
 * about the server behind it. So a refused connection starts a watch, and so does a circuit opened by other failures
 * (a connection the server's crash cut, an initialization that timed out), which ends at its first probe if the port
 * accepts (and then probes no more until a connection is refused), and otherwise watches as for a refusal.
 *
 * <p>Probes are non-blocking connects on the agent's timer, every 10 ms at first and less often as the outage goes on
 * (a fiftieth of it, at most a second apart, so that the server's return is noticed within 2% of its absence), for
 * as long as {@code lifetime} after the last refused connection: a host that stopped trying is not watched forever.
 * A connect the server accepts is rarely done when it returns, even on the loopback interface (it completes some
 * microseconds later), so a connect under way is looked at again after a millisecond, then two, and so on up to the
 * probe interval: waiting a whole interval for it made the return noticed one interval late (measured with 25 ms
 * between probes: recoveries from a 1 s restart 27 to 44 ms slower than without the agent, 7 to 24 ms with the look).
 */
public final class ServerWatch {

    private static final long FIRST_INTERVAL_NANOS = Duration.ofMillis(10).toNanos();
    private static final long LONGEST_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long FIRST_CONNECT_CHECK_NANOS = Duration.ofMillis(1).toNanos();
    /** A connect neither accepted nor refused in this long (packets dropped) is given up and made again. */
    private static final long CONNECT_TIMEOUT_NANOS = Duration.ofSeconds(2).toNanos();

    private final InetSocketAddress address;
    private final ReconnectBudget budget;
    private final BiConsumer<Duration, Runnable> scheduler;
    private final long lifetimeNanos;
    private final LongSupplier clock;

    private boolean watching;
    /** Whether the port refused since the watch began: only then does its accepting mean the server came back. */
    private boolean refusedSeen;
    /**
     * Whether a watch found the port accepting though it never refused (a proxy in front): the circuit's failures
     * then ask for no more probes until a connection is refused, so a server gone for good behind a proxy gets one.
     */
    private boolean acceptsWithoutRefusing;
    private long startedNanos;
    private long untilNanos;
    private SocketChannel connecting;
    private long connectingSinceNanos;
    /** When the connect under way is looked at next, after the last look. */
    private long connectCheckNanos;

    /**
     * @param address the server's host (resolved when probed: the client has just resolved it) and port
     * @param scheduler runs a task after a delay, on a thread that may not block (the agent's timer)
     */
    public ServerWatch(InetSocketAddress address, ReconnectBudget budget, BiConsumer<Duration, Runnable> scheduler,
            Duration lifetime, LongSupplier clock) {
        this.address = address;
        this.budget = budget;
        this.scheduler = scheduler;
        this.lifetimeNanos = lifetime.toNanos();
        this.clock = clock;
    }

    /** A connection to the server was refused: watch for it to listen again. */
    public void refused() {
        watch(true);
    }

    /**
     * The server's circuit is open on failures that were not refusals: find out whether its port refuses, and if so
     * watch for it to listen again.
     */
    public void failing() {
        watch(false);
    }

    private void watch(boolean refused) {
        synchronized (this) {
            if (refused) {
                acceptsWithoutRefusing = false;
            } else if (acceptsWithoutRefusing) {
                return;
            }
            long now = clock.getAsLong();
            untilNanos = now + lifetimeNanos;
            refusedSeen |= refused;
            if (watching) {
                return;
            }
            watching = true;
            startedNanos = now;
        }
        schedule(refused ? FIRST_INTERVAL_NANOS : 0);
    }

    synchronized boolean watching() {
        return watching;
    }

    private void probe() {
        long next;
        synchronized (this) {
            long now = clock.getAsLong();
            if (listening(now)) {
                watching = false;
                if (refusedSeen) {
                    refusedSeen = false;
                    GuardCounters.increment(GuardCounters.SERVERS_BACK);
                    budget.listening();
                } else {
                    acceptsWithoutRefusing = true;
                }
                return;
            }
            if (now - untilNanos >= 0) {
                watching = false;
                refusedSeen = false;
                close();
                return;
            }
            next = Math.min(LONGEST_INTERVAL_NANOS, Math.max(FIRST_INTERVAL_NANOS, (now - startedNanos) / 50));
            if (connecting != null) {
                next = Math.min(next, connectCheckNanos);
                connectCheckNanos *= 2;
            }
        }
        schedule(next);
    }

    /** The next probe; a timer that cannot take it (shut down) ends the watch, so a later refusal starts another. */
    private void schedule(long delayNanos) {
        try {
            scheduler.accept(Duration.ofNanos(delayNanos), this::probe);
        } catch (RuntimeException e) {
            synchronized (this) {
                watching = false;
                refusedSeen = false;
                close();
            }
        }
    }

    /**
     * Whether the connect under way, or else a new one, was accepted; never blocks. A connect refused (or the host
     * unreachable) is remembered in {@code refusedSeen}; one under way that was refused makes no new one.
     */
    private boolean listening(long now) {
        if (connecting != null) {
            try {
                if (connecting.finishConnect()) {
                    close();
                    return true;
                }
                if (now - connectingSinceNanos < CONNECT_TIMEOUT_NANOS) {
                    return false;
                }
            } catch (IOException refused) {
                // The next connect waits for the next probe: the port is looked at once per interval.
                refusedSeen = true;
                close();
                return false;
            }
            close();
        }
        InetSocketAddress target = address.isUnresolved()
                ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (target.isUnresolved()) {
            return false;
        }
        try {
            connecting = SocketChannel.open();
            connecting.configureBlocking(false);
        } catch (IOException noSocket) {
            close();
            return false;
        }
        connectingSinceNanos = now;
        connectCheckNanos = FIRST_CONNECT_CHECK_NANOS;
        try {
            if (connecting.connect(target)) {
                close();
                return true;
            }
            return false;
        } catch (IOException refusedOrUnreachable) {
            refusedSeen = true;
            close();
            return false;
        } catch (RuntimeException unresolvable) {
            close();
            return false;
        }
    }

    private void close() {
        if (connecting != null) {
            try {
                connecting.close();
            } catch (IOException ignored) {
                // A probe's socket: nothing was sent on it.
            }
            connecting = null;
        }
    }
}
