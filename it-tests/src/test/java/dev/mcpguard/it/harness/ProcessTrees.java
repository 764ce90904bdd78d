package dev.mcpguard.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Ends a process together with everything it started. */
final class ProcessTrees {

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
}
