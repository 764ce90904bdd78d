package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reflect.Fields;
import dev.mcpguard.agent.reflect.Reactor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** What the agent changes in a stdio transport itself, outside of closing it. */
public final class StdioTransports {

    private static final AtomicLong THREADS = new AtomicLong();

    private StdioTransports() {
    }

    /**
     * The SDK's three stdio executors use non-daemon threads, so a client the application never closes keeps the
     * JVM alive after {@code main} returns. Their threads start lazily, so swapping the executors for daemon ones
     * right after construction changes nothing else; the exit hook then closes the session when the JVM exits.
     */
    public static void useDaemonThreads(Object transport) {
        Reactor reactor = Reactor.of(transport);
        for (String field : StdioTeardown.SCHEDULERS) {
            String role = field.replace("Scheduler", "");
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "mcp-stdio-" + role + "-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Object previous = Fields.read(transport, field);
            if (Fields.write(transport, field, reactor.scheduler(executor, role))) {
                reactor.dispose(previous);
            } else {
                executor.shutdown();
            }
        }
    }

    /**
     * Connecting a stdio transport again starts a second server process while the SDK forgets the first: end the
     * first, with its children, before that happens.
     */
    public static void terminateStaleProcess(Object transport) {
        Object field = Fields.read(transport, "process");
        if (field instanceof Process && ((Process) field).isAlive()) {
            Process stale = (Process) field;
            Liveness.endingOnPurpose(stale);
            List<ProcessHandle> tree = ProcessTrees.descendants(stale.toHandle());
            tree.add(stale.toHandle());
            int killed = ProcessTrees.destroyForcibly(tree);
            GuardLog.debug("stdio transport connects again: terminated its previous server process (pid "
                    + stale.pid() + ", " + killed + " process(es))");
        }
    }
}
