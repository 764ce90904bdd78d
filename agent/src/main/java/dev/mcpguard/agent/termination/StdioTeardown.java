package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reflect.Fields;
import dev.mcpguard.agent.reflect.Reactor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stdio transport holds a server process and three executor threads. The SDK's close sends SIGTERM and waits for
 * the process without a bound, then shuts the executors down; a server that ignores SIGTERM, or is frozen, keeps
 * both forever. Forcing means killing the whole process tree and shutting the executors down ourselves.
 */
final class StdioTeardown implements Teardown {

    static final String TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";
    static final String[] SCHEDULERS = {"inboundScheduler", "outboundScheduler", "errorScheduler"};

    /** Weak: the transport leads back to its client, which the registry holds only weakly. */
    private final WeakReference<Object> transport;
    private volatile Process process;
    private volatile List<ProcessHandle> tree = List.of();

    StdioTeardown(Object transport) {
        this.transport = new WeakReference<>(transport);
    }

    @Override
    public void beforeClose() {
        Process p = currentProcess();
        if (p != null) {
            process = p;
            List<ProcessHandle> handles = new ArrayList<>(ProcessTrees.descendants(p.toHandle()));
            handles.add(p.toHandle());
            tree = handles;
        }
    }

    @Override
    public CompletableFuture<?> released() {
        Process p = process();
        return p == null ? CompletableFuture.completedFuture(null) : p.onExit();
    }

    @Override
    public String forceRelease() {
        Process p = process();
        if (p == null) {
            disposeExecutors();
            return null;
        }
        List<ProcessHandle> everything = new ArrayList<>(tree);
        everything.addAll(ProcessTrees.descendants(p.toHandle()));
        int killed = ProcessTrees.destroyForcibly(everything);
        disposeExecutors();
        return "killed its server process tree (pid " + p.pid() + ", " + killed + " process"
                + (killed == 1 ? "" : "es") + ") and shut its transport threads down";
    }

    @Override
    public void afterClose(boolean sdkCloseFinished) {
        int reaped = ProcessTrees.destroyForcibly(tree);
        if (reaped > 0) {
            GuardLog.debug("reaped " + reaped + " process(es) the server left behind (pid " + process.pid() + ")");
        }
    }

    /**
     * The process as the close found it; read from the transport when the close never got to it (its owner was
     * stuck in another session's close until the deadline).
     */
    private Process process() {
        Process p = process;
        return p != null ? p : currentProcess();
    }

    private Process currentProcess() {
        Object stdio = transport.get();
        Object field = stdio == null ? null : Fields.read(stdio, "process");
        return field instanceof Process ? (Process) field : null;
    }

    private void disposeExecutors() {
        Object stdio = transport.get();
        if (stdio == null) {
            return;
        }
        Reactor reactor = Reactor.of(stdio);
        for (String name : SCHEDULERS) {
            try {
                reactor.dispose(Fields.read(stdio, name));
            } catch (RuntimeException e) {
                GuardLog.debug("could not shut down the " + name + " of a stdio transport", e);
            }
        }
    }
}
