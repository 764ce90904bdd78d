package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.thread.AgentThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that keeps the agent's deadlines ({@code mcp-guard-timer}): close deadlines, the owners' stall
 * checks and the keepalive's rounds. A daemon, started on first use and let go when idle, so it never keeps a JVM alive.
 */
public final class Timer {

    private static final String NAME = "mcp-guard-timer";

    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, task -> AgentThreads.newThread(task, NAME));

    public Timer() {
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    static boolean isTimerThread(Thread thread) {
        return NAME.equals(thread.getName()) && thread.getContextClassLoader() == null;
    }
}
