package dev.mcpguard.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * server-killed: the stdio server dies (the demo kills its process with SIGKILL, as a crash or the OOM killer
 * would) while a worker waits for a long call. Shows how soon the call in flight fails, which is when the
 * gateway's reconnect loop learns of it, and when the gateway is back in service.
 */
final class ServerKilled {

    private static final Logger log = LoggerFactory.getLogger(ServerKilled.class);

    /** Shorter than the request timeout: only the server's death can make this call fail. */
    private static final int CALL_SECONDS = 10;
    private static final Duration CALL_WAIT = Duration.ofSeconds(40);

    private final ServerFaults faults;
    private final ExecutorService workers;
    private final ServerStatus status;
    private final AtomicBoolean killed = new AtomicBoolean();
    private volatile long killedAt;
    private volatile long failedAfterNanos = -1;
    private volatile String failure = "none";
    private volatile long backAt;

    private ServerKilled(ServerFaults faults, ExecutorService workers, ServerStatus status) {
        this.faults = faults;
        this.workers = workers;
        this.status = status;
    }

    static int run(ServerInstall install, PrintStream out) {
        log.info("mcp-guard-demo {}: server-killed, a {} s call in flight, request timeout {} s, budget {} failures",
                DemoGateway.version(), CALL_SECONDS, McpServerConnection.REQUEST_TIMEOUT.toSeconds(), ReconnectLoop.BUDGET);
        long start = System.nanoTime();
        ExecutorService workers = Loops.workers(1);
        McpServerConnection server = DemoGateway.stdio(install);
        ServerKilled scenario = new ServerKilled(new ServerFaults(install), workers, new ServerStatus(server.name(), start, out));
        ReconnectLoop loop = new ReconnectLoop(server, 1, scenario::serve, scenario.status);
        try {
            Loops.runAll(List.of(loop), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            Loops.stopWorkers(workers);
        }
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        Summary summary = Summary.ofLoops(out, "server-killed");
        summary.line(loop.name(), loop.summary("killed with 1 call in flight"));
        summary.line("call in flight", scenario.failedAfterNanos < 0 ? scenario.failure
                : String.format("failed %.1f s after the kill (%s)", scenario.failedAfterNanos / 1e9, scenario.failure));
        summary.backInService(scenario.backAt, scenario.killedAt, "kill");
        summary.serversLost(List.of(loop)).leaks(leaks);
        return scenario.killedAt != 0 ? 0 : 1;
    }

    /** The first session's server is killed under a call; the next session shows the gateway is back in service. */
    private void serve(McpServerConnection connection, ReconnectLoop loop) {
        if (!killed.compareAndSet(false, true)) {
            connection.echo("back after the kill");
            backAt = System.nanoTime();
            loop.plannedReconnect();
            return;
        }
        CallsInFlight call = CallsInFlight.start(connection, workers, 1, CALL_SECONDS);
        ProcessHandle server = faults.kill();
        killedAt = System.nanoTime();
        status.event("server killed (SIGKILL to pid " + server.pid() + ") with 1 call in flight");
        CallsInFlight.End end = call.awaitFirst(CALL_WAIT);
        if (end == null) {
            failure = "no answer within " + CALL_WAIT.toSeconds() + " s";
            throw new IllegalStateException("the call in flight got " + failure);
        }
        failedAfterNanos = end.nanos() - killedAt;
        if (end.error() == null) {
            failure = "returned although its server was killed";
            throw new IllegalStateException("the call in flight " + failure);
        }
        failure = DemoGateway.describe(end.error());
        status.event(String.format("the call in flight failed %.1f s after the kill", failedAfterNanos / 1e9));
        throw end.error();
    }
}
