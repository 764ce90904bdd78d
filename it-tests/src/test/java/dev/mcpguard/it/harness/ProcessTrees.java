package dev.mcpguard.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Ends a process together with everything it started. */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Forcibly ends {@code root} and its descendants and waits, bounded, until they are gone.
     * Descendants are collected first: once the root dies they are reparented and out of reach.
     *
     * @return the pids that were alive and got killed
     */
    static List<Long> kill(ProcessHandle root, Duration limit) {
        List<ProcessHandle> alive = tree(root).stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
        alive.forEach(ProcessHandle::destroyForcibly);
        Await.until(() -> alive.stream().noneMatch(ProcessHandle::isAlive), limit);
        return alive.stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    /** Ends {@code root} and its descendants politely (SIGTERM), forcibly if they outlast {@code grace}. */
    static void stop(ProcessHandle root, Duration grace, Duration limit) {
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        if (!Await.until(() -> tree.stream().noneMatch(ProcessHandle::isAlive), grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Await.until(() -> tree.stream().noneMatch(ProcessHandle::isAlive), limit);
        }
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().collect(Collectors.toList()));
        tree.add(root);
        return tree;
    }

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive()} is true for a process that has exited but was not yet
     * reaped: a child that exits just before its JVM does becomes an orphan zombie until pid 1 reaps it, which here
     * can take a while. It holds nothing (no memory, no pipe, no port), so it is not a leak.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc", Long.toString(process.pid()), "stat"));
            // pid (comm) state ...: comm may hold blanks and parentheses, so read the state after the last ')'.
            String afterComm = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterComm.startsWith("Z");
        } catch (java.io.IOException | RuntimeException e) {
            // No /proc entry (gone meanwhile) or no /proc at all: trust isAlive.
            return process.isAlive();
        }
    }
}
