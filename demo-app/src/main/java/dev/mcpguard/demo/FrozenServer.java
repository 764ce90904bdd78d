package dev.mcpguard.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * frozen-server: the stdio server stops answering while the gateway's workers have calls in flight (the demo
 * freezes its process with SIGSTOP, as a hung server or a paused container would be). The gateway's health check
 * pings, gets no answer, closes the hung session and reconnects. Shows how long that close takes, when the
 * gateway is back in service and what the hung session left behind.
 */
final class FrozenServer {

    private static final Logger log = LoggerFactory.getLogger(FrozenServer.class);

    private static final int CALLS_IN_FLIGHT = 2;
    private static final int CALL_SECONDS = 5;
    /** The health check's patience: a server that does not answer a ping within this is hung. */
    static final Duration PING_DEADLINE = Duration.ofSeconds(2);
    private static final Duration CALLS_OUTCOME_WAIT = Duration.ofSeconds(20);

    private final ServerFaults faults;
    private final ExecutorService workers;
    private final ServerStatus status;
    private final AtomicBoolean frozen = new AtomicBoolean();
    private volatile CallsInFlight calls;
    private volatile long frozenAt;
    private volatile long closeNanos = -1;
    private volatile boolean closeReturned;
    private volatile long backAt;

    private FrozenServer(ServerFaults faults, ExecutorService workers, ServerStatus status) {
        this.faults = faults;
        this.workers = workers;
        this.status = status;
    }

    static int run(ServerInstall install, PrintStream out) {
        log.info("mcp-guard-demo {}: frozen-server, {} calls in flight, health check ping deadline {} ms, budget {} failures",
                DemoGateway.version(), CALLS_IN_FLIGHT, PING_DEADLINE.toMillis(), ReconnectLoop.BUDGET);
        long start = System.nanoTime();
        ServerFaults faults = new ServerFaults(install);
        ExecutorService workers = Loops.workers(CALLS_IN_FLIGHT + 1);
        McpServerConnection server = DemoGateway.stdio(install);
        FrozenServer scenario = new FrozenServer(faults, workers, new ServerStatus(server.name(), start, out));
        ReconnectLoop loop = new ReconnectLoop(server, 1, scenario::serve, scenario.status);
        String callsOutcome = "none";
        try {
            Loops.runAll(List.of(loop), out);
            if (scenario.calls != null) {
                callsOutcome = scenario.calls.outcome(scenario.frozenAt, CALLS_OUTCOME_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            Loops.stopWorkers(workers);
        }
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        Summary summary = Summary.ofLoops(out, "frozen-server");
        summary.line(loop.name(), loop.summary("froze with " + CALLS_IN_FLIGHT + " calls in flight"));
        summary.line("close", scenario.closeNanos < 0 ? "not reached"
                : String.format("took %.1f s, closeGracefully returned %s", scenario.closeNanos / 1e9, scenario.closeReturned));
        summary.line("calls in flight", callsOutcome);
        summary.backInService(scenario.backAt, scenario.frozenAt, "freeze");
        summary.serversLost(List.of(loop)).leaks(leaks);
        List<Long> cleaned = faults.cleanUp();
        if (!cleaned.isEmpty()) {
            out.println("(the demo then killed the server process it had frozen, " + cleaned + ", so that it does not stay behind)");
        }
        return scenario.frozenAt != 0 ? 0 : 1;
    }

    /** The first session freezes with calls in flight; the next one shows the gateway is back in service. */
    private void serve(McpServerConnection connection, ReconnectLoop loop) {
        if (!frozen.compareAndSet(false, true)) {
            connection.echo("back after the freeze");
            backAt = System.nanoTime();
            loop.plannedReconnect();
            return;
        }
        calls = CallsInFlight.start(connection, workers, CALLS_IN_FLIGHT, CALL_SECONDS);
        ProcessHandle server = faults.freeze();
        frozenAt = System.nanoTime();
        status.event("server frozen (SIGSTOP to pid " + server.pid() + ") with " + calls.count() + " calls in flight");
        if (answersPing(connection)) {
            throw new IllegalStateException("the frozen server answered a ping");
        }
        status.event("no answer to a ping within " + PING_DEADLINE.toSeconds() + " s: closing the hung session");
        long closing = System.nanoTime();
        closeReturned = connection.close();
        closeNanos = System.nanoTime() - closing;
        status.event(String.format("hung session closed in %.1f s (closeGracefully returned %s)", closeNanos / 1e9,
                closeReturned));
        throw new IllegalStateException("server stopped answering: no reply to a ping within "
                + PING_DEADLINE.toSeconds() + " s");
    }

    /** The health check: a ping on a worker, waited for at most {@link #PING_DEADLINE}. */
    private boolean answersPing(McpServerConnection connection) {
        Future<?> ping = workers.submit(connection::ping);
        try {
            ping.get(PING_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false; // a ping left pending ends with the session's close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the health check", e);
        }
    }
}
