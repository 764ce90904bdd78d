package dev.mcpguard.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What the gateway left running after closing everything, as far as it can see from inside:
 * child processes and non-daemon threads (which would keep the JVM alive) other than the caller.
 */
record LeakReport(List<ProcessHandle> processes, List<Thread> threads) {

    /**
     * Gives processes and threads that are on their way out up to {@code grace} to finish (closing is
     * partly asynchronous), then takes the snapshot.
     */
    static LeakReport afterGrace(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        LeakReport before = snapshot();
        try {
            for (ProcessHandle process : before.processes) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    process.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            }
            for (Thread thread : before.threads) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis > 0) {
                    thread.join(leftMillis);
                }
            }
        } catch (TimeoutException stillRunning) {
            // reported by the snapshot below
        } catch (ExecutionException e) {
            // onExit() does not fail; the snapshot below still tells the truth
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return snapshot();
    }

    static LeakReport snapshot() {
        List<ProcessHandle> processes = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .collect(Collectors.toList());
        Thread self = Thread.currentThread();
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != self && thread.isAlive() && !thread.isDaemon())
                .filter(thread -> !"main".equals(thread.getName()))
                .collect(Collectors.toList());
        return new LeakReport(processes, threads);
    }

    boolean isEmpty() {
        return processes.isEmpty() && threads.isEmpty();
    }

    List<String> describe() {
        List<String> lines = processes.stream()
                .map(process -> "child process " + process.pid() + ": " + commandOf(process))
                .collect(Collectors.toList());
        threads.forEach(thread -> lines.add("thread '" + thread.getName() + "' (" + thread.getState() + ")"));
        return lines;
    }

    private static String commandOf(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("?");
    }
}
