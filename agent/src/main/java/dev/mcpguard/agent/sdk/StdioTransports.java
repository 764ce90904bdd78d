package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.liveness.Liveness;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.termination.ProcessTrees;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** What the agent does to a stdio transport itself: its threads, and the server processes it leaves behind. */
final class StdioTransports {

    private static final AtomicLong THREADS = new AtomicLong();

    private StdioTransports() {
    }

    /**
     * The SDK's three stdio executors use non-daemon threads, so a client the application never closes keeps the
     * JVM alive after {@code main} returns. Their threads start lazily, so swapping the executors for daemon ones
     * right after construction changes nothing else; the exit hook then closes the session when the JVM exits.
     */
    static void useDaemonThreads(Object transport) {
        Reactor reactor = Reactor.of(transport);
        for (LibraryMember field : Sdk.STDIO_SCHEDULERS) {
            String role = field.name().replace("Scheduler", "");
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "mcp-stdio-" + role + "-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Object previous = field.read(transport);
            if (field.write(transport, reactor.scheduler(executor, role))) {
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
    static void terminateStaleProcess(Object transport) {
        Object field = Sdk.STDIO_PROCESS.read(transport);
        if (field instanceof Process && ((Process) field).isAlive()) {
            Process stale = (Process) field;
            Liveness.endingOnPurpose(stale);
            int killed = ProcessTrees.destroyTree(stale);
            GuardLog.debug("stdio transport connects again: terminated its previous server process (pid "
                    + stale.pid() + ", " + killed + " process(es))");
        }
    }

    /** The server process the transport holds now, or null. */
    static Process process(Object transport) {
        Object field = Sdk.STDIO_PROCESS.read(transport);
        return field instanceof Process ? (Process) field : null;
    }

    /** Shuts the transport's three executors down (their threads end). */
    static void shutDownThreads(Object transport) {
        if (transport == null) {
            return;
        }
        Reactor reactor = Reactor.of(transport);
        for (LibraryMember field : Sdk.STDIO_SCHEDULERS) {
            try {
                reactor.dispose(field.read(transport));
            } catch (RuntimeException e) {
                GuardLog.debug("could not shut down the " + field.name() + " of a stdio transport", e);
            }
        }
    }
}
