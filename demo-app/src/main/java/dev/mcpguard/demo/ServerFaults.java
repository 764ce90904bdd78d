package dev.mcpguard.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's fault switch: finds the stdio server the SDK started for the gateway (a child process of this JVM)
 * and freezes it (SIGSTOP) or kills it (SIGKILL), as a hung or crashed server would be in production. Whatever it
 * froze it kills again once the scenario has been reported, so that the demo itself leaves nothing behind.
 */
final class ServerFaults {

    private static final long SIGNAL_DEADLINE_SECONDS = 5;

    private final ServerInstall install;
    private final List<ProcessHandle> frozen = new ArrayList<>();

    ServerFaults(ServerInstall install) {
        this.install = install;
    }

    /** The newest live child of this JVM that runs server-everything over stdio. */
    ProcessHandle stdioServer() {
        List<String> stdioArgs = install.stdioArgs();
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).map(args -> args.containsAll(stdioArgs))
                        .orElse(false))
                .filter(child -> !frozen.contains(child))
                .max(Comparator.comparing(child -> child.info().startInstant().orElse(java.time.Instant.EPOCH)))
                .orElseThrow(() -> new IllegalStateException("no stdio server process found to act on"));
    }

    /** Stops the server's process with SIGSTOP: it stays alive but answers nothing, ignoring SIGTERM until resumed. */
    synchronized ProcessHandle freeze() {
        ProcessHandle server = stdioServer();
        signal("STOP", server);
        frozen.add(server);
        return server;
    }

    /** Kills the server's process with SIGKILL, as a crash or the OOM killer would. */
    ProcessHandle kill() {
        ProcessHandle server = stdioServer();
        server.destroyForcibly();
        return server;
    }

    /** Kills the frozen servers that are still alive (SIGKILL works on a stopped process); returns their pids. */
    synchronized List<Long> cleanUp() {
        List<Long> killed = new ArrayList<>();
        for (ProcessHandle server : frozen) {
            if (server.isAlive()) {
                server.destroyForcibly();
                killed.add(server.pid());
            }
        }
        frozen.clear();
        return killed;
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(SIGNAL_DEADLINE_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }
}
