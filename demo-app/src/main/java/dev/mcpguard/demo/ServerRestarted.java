package dev.mcpguard.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * server-restarted: the Streamable HTTP server is killed (SIGKILL) and started again on the same port between two
 * calls of a session, as a redeploy or a crash and restart by a supervisor would do it. Shows what the next call
 * on the old session does and how soon the gateway is back in service.
 */
final class ServerRestarted {

    private static final Logger log = LoggerFactory.getLogger(ServerRestarted.class);
    private static final String NAME = "streamable-http";

    private final ServerInstall install;
    private final ServerStatus status;
    private final AtomicBoolean restarted = new AtomicBoolean();
    private volatile ServerProcess http;
    private volatile long downNanos = -1;
    private volatile long restartedAt;
    private volatile String firstCall = "not made";
    private volatile long backAt;

    private ServerRestarted(ServerInstall install, ServerProcess http, ServerStatus status) {
        this.install = install;
        this.http = http;
        this.status = status;
    }

    static int run(ServerInstall install, PrintStream out) {
        log.info("mcp-guard-demo {}: server-restarted, budget {} failures", DemoGateway.version(), ReconnectLoop.BUDGET);
        long start = System.nanoTime();
        ServerRestarted scenario;
        try {
            scenario = new ServerRestarted(install, ServerProcess.start(NAME, install.streamableHttpCommand()),
                    new ServerStatus(NAME, start, out));
        } catch (IOException e) {
            out.println("could not start the HTTP server: " + e.getMessage());
            return 1;
        }
        ReconnectLoop loop = new ReconnectLoop(DemoGateway.streamableHttp(scenario.http), 1, scenario::serve,
                scenario.status);
        try {
            Loops.runAll(List.of(loop), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            scenario.http.close();
        }
        LeakReport leaks = LeakReport.afterGrace(DemoGateway.LEAK_GRACE);
        Summary summary = Summary.ofLoops(out, "server-restarted");
        summary.line(loop.name(), loop.summary("restarted on the same port between two calls"));
        summary.line("restart", scenario.downNanos < 0 ? "not reached"
                : String.format("server down for %.1f s", scenario.downNanos / 1e9));
        summary.line("next call", scenario.firstCall);
        summary.backInService(scenario.backAt, scenario.restartedAt, "restart");
        summary.serversLost(List.of(loop)).leaks(leaks);
        return scenario.restartedAt != 0 ? 0 : 1;
    }

    /** The first session sees its server restarted; a later one, if the gateway reconnects, shows it back in service. */
    private void serve(McpServerConnection connection, ReconnectLoop loop) {
        if (!restarted.compareAndSet(false, true)) {
            connection.echo("after the restart, new session");
            backAt = System.nanoTime();
            loop.plannedReconnect();
            return;
        }
        connection.echo("before the restart");
        restart();
        long calling = System.nanoTime();
        try {
            connection.echo("after the restart, same session");
        } catch (RuntimeException e) {
            firstCall = String.format("failed in %.2f s (%s)", (System.nanoTime() - calling) / 1e9, DemoGateway.describe(e));
            throw e;
        }
        backAt = System.nanoTime();
        firstCall = String.format("succeeded in %.2f s", (backAt - calling) / 1e9);
        loop.plannedReconnect();
    }

    private void restart() {
        ServerProcess old = http;
        long killedAt = System.nanoTime();
        old.kill();
        status.event("server killed (SIGKILL to pid " + old.pid() + ")");
        try {
            http = ServerProcess.start(NAME, install.streamableHttpCommand(), old.port());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the HTTP server again: " + e.getMessage(), e);
        } finally {
            old.close(); // removes its log file
        }
        restartedAt = System.nanoTime();
        downNanos = restartedAt - killedAt;
        status.event(String.format("server listening again on port %d (pid %d) after %.1f s", http.port(), http.pid(),
                downNanos / 1e9));
    }
}
