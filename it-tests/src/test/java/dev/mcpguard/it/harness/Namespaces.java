package dev.mcpguard.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM as a container holds it, without a container runtime: {@code unshare} gives it mount, PID and network
 * namespaces of its own, and a tmpfs on /tmp makes its temporary directory private (its attach socket, its
 * hsperfdata, the files handed to it). It still sees the rest of this machine's files, as a container with the
 * application's folders mounted would.
 */
public final class Namespaces {

    /** The JVM becomes pid 1 of its namespace; {@code exec} keeps it the direct child of unshare. */
    private static final List<String> WRAPPER = List.of("unshare", "--mount", "--pid", "--net", "--fork",
            "--mount-proc", "sh", "-c", privateTmp() + " && exec \"$0\" \"$@\"");
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(20);

    private Namespaces() {
    }

    /**
     * A tmpfs on /tmp; a checkout that itself lies under /tmp (a CI clone) stays visible at its own path, as a
     * container's mounted application folder would: bound back from the working directory, which still holds the
     * original folder once the tmpfs covers it ({@code --no-canonicalize}, or mount would look the path up again).
     */
    private static String privateTmp() {
        String tmpfs = "mount -t tmpfs -o mode=1777 tmpfs /tmp";
        String checkout = ItPaths.itDir().toAbsolutePath().normalize().getParent().getParent().toString();
        if (!checkout.startsWith("/tmp/")) {
            return tmpfs;
        }
        String quoted = "'" + checkout.replace("'", "'\\''") + "'";
        return "cd " + quoted + " && " + tmpfs + " && mkdir -p " + quoted + " && mount --no-canonicalize --bind . "
                + quoted + " && cd /";
    }

    /** The command to hand a JVM's command line to ({@link ForkedJvm#wrappedIn}). */
    public static List<String> wrapper() {
        return WRAPPER;
    }

    /** Why this machine cannot start a process so (not root, unshare missing or forbidden), or empty if it can. */
    public static Optional<String> unavailable() {
        ProcessBuilder probe = new ProcessBuilder(WRAPPER.get(0), WRAPPER.get(1), WRAPPER.get(2), WRAPPER.get(3),
                WRAPPER.get(4), WRAPPER.get(5), WRAPPER.get(6), WRAPPER.get(7), WRAPPER.get(8), "true")
                .redirectErrorStream(true);
        try {
            Process process = probe.start();
            process.getOutputStream().close();
            if (!process.waitFor(PROBE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("unshare did not finish within " + PROBE_LIMIT);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of("unshare --mount --pid --net with a tmpfs on /tmp is not permitted here (exit "
                            + process.exitValue() + ": " + output + ")");
        } catch (IOException e) {
            return Optional.of("unshare cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing unshare");
        }
    }

    /**
     * The JVM's pid as this machine sees it: the wrapper's only child. Call once the JVM has said it is ready, so
     * that it exists.
     */
    public static long hostPid(ForkedJvm.Running wrapped) {
        List<ProcessHandle> children = wrapped.process().children().toList();
        if (children.size() != 1) {
            throw new AssertionError("expected the JVM as the only child of unshare, found " + children);
        }
        return children.get(0).pid();
    }
}
