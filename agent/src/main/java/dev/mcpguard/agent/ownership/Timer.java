package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.thread.AgentThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one thread that keeps close deadlines ({@code mcp-guard-timer}); a daemon, started on first use. */
final class Timer {

    private static final String NAME = "mcp-guard-timer";

    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, task -> AgentThreads.newThread(task, NAME));

    Timer() {
        executor.setRemoveOnCancelPolicy(true);
    }

    ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    static boolean isTimerThread(Thread thread) {
        return NAME.equals(thread.getName()) && thread.getContextClassLoader() == null;
    }
}
