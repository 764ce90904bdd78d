package dev.mcpguard.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/**
 * What Linux says about a process in {@code /proc}, as far as reaching it across a container boundary needs: its pid
 * inside its own PID namespace (what the JVM there calls itself, and names its attach socket after), its effective
 * user and group, and whether it sees the same files as this command. Empty where there is no {@code /proc}.
 */
record LinuxProcess(long pid, long namespacePid, int uid, int gid, boolean ownMountNamespace) {

    private static final Path PROC = Paths.get("/proc");

    static Optional<LinuxProcess> of(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            return Optional.of(parse(pid, Files.readAllLines(dir.resolve("status")),
                    !sameLink(dir.resolve("ns/mnt"), PROC.resolve("self/ns/mnt"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This command's own effective uid, or -1 where /proc does not tell. */
    static int ourUid() {
        return of(ProcessHandle.current().pid()).map(LinuxProcess::uid).orElse(-1);
    }

    static LinuxProcess parse(long pid, List<String> status, boolean ownMountNamespace) {
        long namespacePid = pid;
        int uid = -1;
        int gid = -1;
        for (String line : status) {
            if (line.startsWith("NSpid:")) {
                // One pid per nested namespace, outermost first: the last is the one the process sees as its own.
                String[] pids = line.substring(6).trim().split("\\s+");
                namespacePid = Long.parseLong(pids[pids.length - 1]);
            } else if (line.startsWith("Uid:")) {
                uid = effective(line);
            } else if (line.startsWith("Gid:")) {
                gid = effective(line);
            }
        }
        return new LinuxProcess(pid, namespacePid, uid, gid, ownMountNamespace);
    }

    /** Its root directory as this command reaches it: the process's own view of files, whatever its mounts. */
    Path root() {
        return PROC.resolve(Long.toString(pid)).resolve("root");
    }

    /** Real, effective, saved and file-system ids follow the label; the effective one decides what it may read. */
    private static int effective(String line) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[1]);
    }

    /** A namespace link that cannot be read (another user's process) counts as the same: nothing better is known. */
    private static boolean sameLink(Path theirs, Path ours) {
        try {
            return Files.readSymbolicLink(theirs).equals(Files.readSymbolicLink(ours));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
