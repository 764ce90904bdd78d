package dev.mcpguard.agent.termination;

import dev.mcpguard.bootstrap.GuardCounters;
import java.util.List;
import java.util.stream.Collectors;

/** Ends processes with everything they started: a server behind {@code npx} or a shell is a tree, not a pid. */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    public static List<ProcessHandle> descendants(ProcessHandle root) {
        return root.descendants().collect(Collectors.toCollection(java.util.ArrayList::new));
    }

    /** Kills {@code process} and every process it started; returns how many it killed. */
    public static int destroyTree(Process process) {
        List<ProcessHandle> tree = descendants(process.toHandle());
        tree.add(process.toHandle());
        return destroyForcibly(tree);
    }

    /** Kills every process in {@code handles} that is still alive; returns how many it killed. */
    public static int destroyForcibly(List<ProcessHandle> handles) {
        int killed = 0;
        for (ProcessHandle handle : handles) {
            if (handle.isAlive() && handle.destroyForcibly()) {
                killed++;
                GuardCounters.increment(GuardCounters.PROCESSES_REAPED);
            }
        }
        return killed;
    }
}
