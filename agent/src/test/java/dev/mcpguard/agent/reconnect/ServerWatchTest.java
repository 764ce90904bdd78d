package dev.mcpguard.agent.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.artifacts.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against real sockets on 127.0.0.1: a port nothing listens on refuses at once. */
class ServerWatchTest {

    private static final Verdict REFUSED = new Verdict(false, "java.net.ConnectException: Connection refused");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ReconnectBudget budget = new ReconnectBudget("127.0.0.1", Duration.ofSeconds(30),
            Duration.ofSeconds(60), 5, 2, System::nanoTime);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private ServerWatch watch(int port, Duration lifetime) {
        return new ServerWatch(InetSocketAddress.createUnresolved("127.0.0.1", port), budget, (delay, task) -> {
            probes.incrementAndGet();
            delays.add(delay);
            timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }, lifetime, System::nanoTime);
    }

    @Test
    void aServerListeningAgainOnItsPortEndsTheBudgetsWait() throws Exception {
        int port = freePort();
        budget.failed(REFUSED);
        assertNotNull(budget.refusal(), "a 30 s backoff");
        ServerWatch watch = watch(port, Duration.ofMinutes(1));
        watch.refused();
        assertTrue(await(() -> probes.get() > 3, Duration.ofSeconds(10)));
        assertNotNull(budget.refusal(), "refused probes change nothing");
        assertTheWaitEndsWhenThePortListens(port, watch);
    }

    @Test
    void aWatchEndsAfterItsLifetimeWhenNothingListens() throws Exception {
        ServerWatch watch = watch(freePort(), Duration.ofMillis(300));
        budget.failed(REFUSED);
        watch.refused();
        assertTrue(watch.watching());
        assertTrue(await(() -> !watch.watching(), Duration.ofSeconds(10)), "the watch ended");
        assertNotNull(budget.refusal(), "and left the backoff as it was");
        assertFalse(watch.watching());
        // A connect at each 10 ms probe and a look at it a millisecond later: not one every millisecond.
        assertTrue(probes.get() <= 2 * 300 / 10 + 4, () -> probes.get() + " probes in 300 ms");
    }

    /**
     * A connect to a listening loopback port is still under way when it returns: it is looked at again within
     * milliseconds, not at the next probe, so the server's return is noticed at the probe that connects.
     */
    @Test
    void aConnectUnderWayIsLookedAtAgainWithinAMillisecond() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            budget.failed(REFUSED);
            ServerWatch watch = watch(server.getLocalPort(), Duration.ofMinutes(1));
            watch.refused();
            assertTrue(await(() -> !watch.watching(), Duration.ofSeconds(10)), "the watch saw the port open");
            assertNull(budget.refusal());
            assertEquals(Duration.ofMillis(10), delays.get(0), "the first probe");
            assertEquals(Duration.ofMillis(1), delays.get(1), "the look at its connect: " + delays);
        }
    }

    @Test
    void aCircuitOpenedByOtherFailuresIsEndedWhenTheRefusingPortListensAgain() throws Exception {
        int port = freePort();
        budget.failed(new Verdict(false, "java.io.IOException: connection reset"));
        ServerWatch watch = watch(port, Duration.ofMinutes(1));
        watch.failing();
        assertTrue(await(() -> probes.get() > 3, Duration.ofSeconds(10)), "the port refused, so the watch goes on");
        assertNotNull(budget.refusal());
        assertTheWaitEndsWhenThePortListens(port, watch);
    }

    @Test
    void aPortThatAcceptsWithoutHavingRefusedSaysNothingOfTheServerBehindIt() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            budget.failed(new Verdict(false, "java.io.IOException: connection closed before any answer"));
            ServerWatch watch = watch(proxy.getLocalPort(), Duration.ofMinutes(1));
            watch.failing();
            assertTrue(await(() -> !watch.watching(), Duration.ofSeconds(10)), "one probe, accepted, ends the watch");
            assertNotNull(budget.refusal(), "and leaves the backoff as it was");
            int probed = probes.get();
            watch.failing();
            assertFalse(watch.watching(), "the circuit's next failures probe no more");
            assertEquals(probed, probes.get());
        }
    }

    private void assertTheWaitEndsWhenThePortListens(int port, ServerWatch watch) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertTrue(await(() -> !watch.watching(), Duration.ofSeconds(10)), "the watch saw the port open");
            assertNull(budget.refusal(), "the next attempt may go now");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean await(BooleanSupplier condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
