package dev.mcpguard.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JVMs the commands look at. The JDK lists those that keep their performance data in this command's temporary
 * directory; a JVM in a container keeps it in a /tmp of its own, so those are found through {@code /proc}: a process
 * in another mount namespace with a {@code hsperfdata_<user>/<its pid there>} file in its own /tmp.
 */
final class Jvms {

    /** A JVM by the pid this command sees; its main class or jar, or null when only the JVM itself can tell. */
    record Found(long pid, String main) {
    }

    private static final Path PROC = Paths.get("/proc");

    private Jvms() {
    }

    /** Every JVM found but this command's own, by pid. */
    static List<Found> all() {
        long self = ProcessHandle.current().pid();
        Map<Long, Found> found = new LinkedHashMap<>();
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            try {
                long pid = Long.parseLong(jvm.id());
                found.put(pid, new Found(pid, ListCommand.mainOf(jvm.displayName())));
            } catch (NumberFormatException notAPid) {
                // not a process of this machine: nothing a pid-taking command could address
            }
        }
        for (long pid : inOtherMountNamespaces()) {
            found.putIfAbsent(pid, new Found(pid, null));
        }
        found.remove(self);
        List<Found> all = new ArrayList<>(found.values());
        all.sort(Comparator.comparingLong(Found::pid));
        return all;
    }

    private static List<Long> inOtherMountNamespaces() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                LinuxProcess.of(pid).filter(LinuxProcess::ownMountNamespace).filter(Jvms::hasPerfData)
                        .ifPresent(p -> pids.add(pid));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or not readable: the JDK's list is all there is
        }
        return pids;
    }

    private static boolean hasPerfData(LinuxProcess process) {
        Path tmp = process.root().resolve("tmp");
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("hsperfdata_"))
                    .anyMatch(d -> Files.exists(d.resolve(Long.toString(process.namespacePid()))));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isNumber(Path name) {
        String text = name.toString();
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
