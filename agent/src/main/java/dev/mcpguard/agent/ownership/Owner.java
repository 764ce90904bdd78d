package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.thread.AgentThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One owner thread, {@code mcp-guard-owner-N}: the thread on which the SDK's close code of its sessions runs, one
 * task at a time, in order. It is a daemon, started on first use and let go after a minute idle, and carries no
 * context class loader, so it can neither keep the JVM alive nor pin an application's classes.
 */
public final class Owner implements Executor {

    /** Marks the agent's own threads, so a close requested on one is never waited for there. */
    static final class OwnerThread extends Thread {
        OwnerThread(Runnable task, String name) {
            super(AgentThreads.group(), task, name, 0, false);
            setDaemon(true);
            setContextClassLoader(null);
        }
    }

    private final String name;
    private final ThreadPoolExecutor executor;

    Owner(int index) {
        this.name = "mcp-guard-owner-" + index;
        this.executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> AgentThreads.create(() -> new OwnerThread(task, name)));
        this.executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    public static boolean isOwnerThread(Thread thread) {
        return thread instanceof OwnerThread;
    }

    @Override
    public String toString() {
        return name;
    }
}
