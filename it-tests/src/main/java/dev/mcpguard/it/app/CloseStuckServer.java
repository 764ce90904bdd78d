package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;
import java.util.List;

/**
 * {@code closeGracefully()} on a stdio server that does not end on SIGTERM: frozen with SIGSTOP (R5), or a server
 * that ignores SIGTERM and stdin EOF. Arguments: {@code stdio <server script> <freeze|none>}.
 * Reports {@code frozen} (pids sent SIGSTOP), {@code closed}, {@code closeMs}, {@code serversAliveAfterClose}.
 */
public final class CloseStuckServer extends ScenarioApp {

    public static void main(String[] args) {
        new CloseStuckServer().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        List<Long> servers = Scenarios.liveChildren();
        if (servers.isEmpty()) {
            throw new IllegalStateException("no server process after initialize");
        }
        if (args[2].equals("freeze")) {
            for (long pid : servers) {
                Scenarios.signal(pid, "STOP");
            }
            report.put("frozen", servers.toString());
        }

        long start = System.nanoTime();
        boolean closed = client.closeGracefully();
        report.put("closeMs", Scenarios.millisSince(start));
        report.put("closed", closed);
        report.put("serversAliveAfterClose", Scenarios.countAlive(servers));
    }
}
