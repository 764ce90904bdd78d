package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.Teardown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A session that holds a server process and threads of its own (a stdio transport). A close that waits for the
 * process without a bound hangs on a server that ignores SIGTERM or is frozen, and keeps the threads too. Forcing
 * means killing the whole process tree and shutting the threads down.
 */
public final class ProcessTreeTeardown implements Teardown {

    private final Supplier<Process> currentProcess;
    private final Runnable shutDownThreads;
    private volatile Process process;
    private volatile List<ProcessHandle> tree = List.of();

    /**
     * @param currentProcess the server process the session holds now, or null (read when the close begins, or when
     *     it is forced without having begun); it must hold nothing of the session strongly
     * @param shutDownThreads ends the session's own threads
     */
    public ProcessTreeTeardown(Supplier<Process> currentProcess, Runnable shutDownThreads) {
        this.currentProcess = currentProcess;
        this.shutDownThreads = shutDownThreads;
    }

    @Override
    public void beforeClose() {
        Process p = currentProcess.get();
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
            shutDownThreads.run();
            return null;
        }
        List<ProcessHandle> everything = new ArrayList<>(tree);
        everything.addAll(ProcessTrees.descendants(p.toHandle()));
        int killed = ProcessTrees.destroyForcibly(everything);
        shutDownThreads.run();
        return "killed its server process tree (pid " + p.pid() + ", " + killed + " process"
                + (killed == 1 ? "" : "es") + ") and shut its transport threads down";
    }

    @Override
    public void afterClose(boolean libraryCloseFinished) {
        int reaped = ProcessTrees.destroyForcibly(tree);
        if (reaped > 0) {
            GuardLog.debug("reaped " + reaped + " process(es) the server left behind (pid " + process.pid() + ")");
        }
    }

    /**
     * The process as the close found it; asked for now when the close never got to it (its owner was stuck in
     * another session's close until the deadline).
     */
    private Process process() {
        Process p = process;
        return p != null ? p : currentProcess.get();
    }
}
