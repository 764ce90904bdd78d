package dev.mcpguard.it.bench;

import dev.mcpguard.it.app.Clients;
import dev.mcpguard.it.app.Scenarios;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code closeGracefully()} of sessions opened one after the other in this JVM, each initialized, quiet (see
 * {@link Clients#initializedAndQuiet}) and after one echo call, so only the close is on the clock.
 *
 * <p>Arguments: {@code <stdio|streamable|sse> <target> <sessions> <warm-up sessions> <healthy|frozen> <samples file>}.
 * {@code frozen} sends SIGSTOP to the stdio server before the close (R5); afterwards the server is killed with
 * SIGKILL, which a stopped process cannot ignore, so that a run without the agent leaves nothing behind either.
 *
 * <p>Appends the timed closes (not the warm-up ones, which pay for class loading and JIT) to the samples file and
 * prints one summary line. It ends with {@code System.exit}: without the agent a frozen close leaks non-daemon
 * threads that would keep the JVM alive, and that leak is not what this program measures.
 */
public final class CloseLatency {

    private static final int OPEN_ATTEMPTS = 6;
    /** Sessions whose server never announced tools/list_changed (seen over Streamable HTTP): reported, not timed. */
    private static int quietOpenFailures;

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String target = args[1];
        int sessions = Integer.parseInt(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        boolean frozen = args[4].equals("frozen");
        Path samplesFile = Path.of(args[5]);

        List<Double> timed = new ArrayList<>();
        int notClosed = 0;
        for (int i = 0; i < warmUp + sessions; i++) {
            McpSyncClient client = openQuiet(kind, target);
            client.callTool(Clients.ECHO);
            List<Long> servers = Scenarios.liveChildren();
            if (frozen) {
                for (long pid : servers) {
                    Scenarios.signal(pid, "STOP");
                }
            }
            long start = System.nanoTime();
            boolean closed = client.closeGracefully();
            double millis = (System.nanoTime() - start) / 1e6;
            if (frozen) {
                for (long pid : servers) {
                    if (Scenarios.alive(pid)) {
                        Scenarios.signal(pid, "KILL");
                    }
                }
            }
            if (i >= warmUp) {
                timed.add(millis);
                notClosed += closed ? 0 : 1;
            }
        }
        Samples samples = Samples.of(timed);
        samples.appendTo(samplesFile);
        System.out.println("MCPGUARD-BENCH close " + kind + (frozen ? " frozen " : " healthy ") + samples.summary()
                + " closeGracefullyFalse=" + notClosed + " quietOpenFailures=" + quietOpenFailures);
        System.out.flush();
        System.exit(0);
    }

    /**
     * A quiet session; a session whose tools/list_changed never came is closed untimed and opened again, so one
     * lost notification does not end the whole benchmark. The count is printed, because it is a finding in itself.
     */
    private static McpSyncClient openQuiet(String kind, String target) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Clients.initializedAndQuiet(kind, target);
            } catch (IllegalStateException e) {
                quietOpenFailures++;
                System.err.println("MCPGUARD-BENCH quiet open failed (attempt " + attempt + "): " + e.getMessage());
                if (attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
