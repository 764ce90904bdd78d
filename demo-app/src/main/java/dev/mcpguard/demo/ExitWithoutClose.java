package dev.mcpguard.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * exit-without-close: the gateway connects, serves a call and returns from main without closing its session, as
 * an application does that counts on the JVM to clean up at exit. Whether the JVM then exits cannot be seen from
 * inside it, so the demo runs that gateway as a process of its own (the same JVM options and class path), watches
 * it from outside for a bounded time, stops it if it hangs and checks whether its server process outlived it.
 */
final class ExitWithoutClose {

    private static final Logger log = LoggerFactory.getLogger(ExitWithoutClose.class);

    static final String CHILD_OPTION = "--gateway-process";
    private static final String MAIN_RETURNS = "main returns with the session open, server processes ";
    private static final String WATCHDOG = "exit watchdog: ";
    private static final String WATCHDOG_THREAD = WATCHDOG + "  ";
    /** When the gateway process reports which non-daemon threads keep it alive, if it is still running. */
    private static final Duration WATCHDOG_DELAY = Duration.ofSeconds(5);
    /** A gateway still running this long after main returned is not going to exit by itself. */
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    private static final Duration SERVER_GRACE = Duration.ofSeconds(3);

    private ExitWithoutClose() {
    }

    // ---- the gateway process --------------------------------------------------------------------------------

    /** The gateway: connect, call, and return from main with the session open. */
    static void gateway(ServerInstall install, PrintStream out) {
        long start = System.nanoTime();
        McpServerConnection server = DemoGateway.stdio(install);
        ServerStatus status = new ServerStatus(server.name(), start, out);
        server.connect();
        status.connected();
        server.echo("before exit");
        List<Long> servers = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toList());
        startExitWatchdog(out);
        out.println(MAIN_RETURNS + servers);
        out.flush();
    }

    /** A daemon thread that, should the JVM still be running a while after main returned, says what keeps it. */
    private static void startExitWatchdog(PrintStream out) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_DELAY.toMillis()); // a timer: this thread only reports, it synchronises nothing
            } catch (InterruptedException e) {
                return;
            }
            List<Thread> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.isAlive() && !thread.isDaemon())
                    .filter(thread -> !"DestroyJavaVM".equals(thread.getName()) && !"main".equals(thread.getName()))
                    .collect(Collectors.toList());
            out.println(WATCHDOG + "still running " + WATCHDOG_DELAY.toSeconds() + " s after main returned, "
                    + alive.size() + " non-daemon threads:");
            alive.forEach(thread -> out.println(WATCHDOG_THREAD + "thread '" + thread.getName() + "' (" + thread.getState() + ")"));
            out.flush();
        }, "exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    // ---- the demo watching it -------------------------------------------------------------------------------

    static int run(ServerInstall install, PrintStream out) {
        log.info("mcp-guard-demo {}: exit-without-close, the gateway runs as its own process; it gets {} s to exit "
                + "after main returned", DemoGateway.version(), EXIT_DEADLINE.toSeconds());
        Process gateway;
        try {
            gateway = new ProcessBuilder(gatewayCommand(install))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            gateway.getOutputStream().close();
        } catch (IOException e) {
            out.println("could not start the gateway process: " + e.getMessage());
            return 1;
        }
        CompletableFuture<List<Long>> mainReturned = new CompletableFuture<>();
        List<String> keptAliveBy = new CopyOnWriteArrayList<>();
        Thread reader = forwardOutput(gateway, out, mainReturned, keptAliveBy);
        try {
            return watch(gateway, reader, mainReturned, keptAliveBy, out);
        } finally {
            if (gateway.isAlive()) {
                stop(gateway);
            }
        }
    }

    private static int watch(Process gateway, Thread reader, CompletableFuture<List<Long>> mainReturned,
            List<String> keptAliveBy, PrintStream out) {
        List<Long> servers;
        try {
            servers = mainReturned.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            out.println("the gateway process did not get to the end of main within " + START_DEADLINE.toSeconds() + " s");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        long returnedAt = System.nanoTime();
        boolean exited = waitFor(gateway, EXIT_DEADLINE);
        long exitNanos = System.nanoTime() - returnedAt;
        List<Long> serversAlive = servers.stream().filter(ExitWithoutClose::running).collect(Collectors.toList());
        if (!exited) {
            stop(gateway);
        }
        join(reader);
        // The gateway has ended: a server process still there after a short grace has outlived it.
        List<Long> outlived = awaitGone(servers, SERVER_GRACE);
        outlived.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

        Summary summary = Summary.start(out, "exit-without-close, main returned with 1 session open");
        summary.line("gateway process", exited
                ? String.format("exited by itself %.1f s after main returned (exit code %d)", exitNanos / 1e9, gateway.exitValue())
                : String.format("still running %.1f s after main returned; the demo stopped it", exitNanos / 1e9));
        String serverState;
        if (serversAlive.isEmpty()) {
            serverState = "gone when the gateway " + (exited ? "exited" : "was given up on");
        } else {
            serverState = (exited ? "still running when the gateway exited" : "kept running by the hung gateway")
                    + (outlived.isEmpty() ? "; gone once the gateway had ended" : "");
        }
        if (!outlived.isEmpty()) {
            serverState += "; outlived the gateway, killed by the demo: " + outlived;
        }
        summary.line("server process", serverState);
        summary.line("leaks", "child processes " + serversAlive.size() + ", non-daemon threads " + keptAliveBy.size());
        keptAliveBy.forEach(summary::detail);
        return 0;
    }

    /** java with this JVM's own options (-javaagent, -D, -X alike) and class path, and the gateway's arguments. */
    private static List<String> gatewayCommand(ServerInstall install) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.contains("jdwp")) // a debugger's port cannot be shared
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DemoGateway.class.getName());
        command.addAll(List.of("--scenario", DemoOptions.EXIT_WITHOUT_CLOSE, CHILD_OPTION,
                "--servers", install.dir().toString()));
        return command;
    }

    /** Copies the gateway's output to ours and picks out what it reports about its exit. */
    private static Thread forwardOutput(Process gateway, PrintStream out, CompletableFuture<List<Long>> mainReturned,
            List<String> keptAliveBy) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    out.println(line);
                    if (line.startsWith(MAIN_RETURNS)) {
                        mainReturned.complete(parsePids(line.substring(MAIN_RETURNS.length())));
                    } else if (line.startsWith(WATCHDOG_THREAD)) {
                        keptAliveBy.add(line.substring(WATCHDOG_THREAD.length()));
                    }
                }
            } catch (IOException e) {
                // the gateway is gone
            } finally {
                mainReturned.completeExceptionally(new IllegalStateException("the gateway's output ended"));
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static List<Long> parsePids(String list) {
        String inner = list.replace("[", "").replace("]", "").trim();
        List<Long> pids = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String pid : inner.split(",")) {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
        return pids;
    }

    /** SIGTERM, which makes a JVM run its shutdown and exit whatever threads it has, then SIGKILL if need be. */
    private static void stop(Process gateway) {
        gateway.destroy();
        if (!waitFor(gateway, STOP_DEADLINE)) {
            gateway.destroyForcibly();
            waitFor(gateway, STOP_DEADLINE);
        }
    }

    private static boolean waitFor(Process process, Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(STOP_DEADLINE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code grace} for the processes to end; returns those still running. */
    private static List<Long> awaitGone(List<Long> pids, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Long pid : pids) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            long left = deadline - System.nanoTime();
            if (process.isPresent() && left > 0) {
                try {
                    process.get().onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running: reported below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return pids.stream().filter(ExitWithoutClose::running).collect(Collectors.toList());
    }

    /**
     * Alive and not a zombie: a server that exited after its parent JVM did is a zombie until init reaps it, which
     * holds nothing. Reads /proc where there is one.
     */
    private static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return process.get().isAlive();
        }
    }
}
