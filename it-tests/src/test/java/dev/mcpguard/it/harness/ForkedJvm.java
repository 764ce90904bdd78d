package dev.mcpguard.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a main class in a fresh JVM, with or without mcp-guard, and waits a bounded time for that
 * JVM to exit by itself. A JVM that does not is reported as such ({@link JvmResult#exitedByItself()})
 * and then killed with its whole process tree.
 *
 * <pre>{@code
 * JvmResult r = ForkedJvm.app(OpenCallClose.class, "stdio", indexJs).withAgent().run(LIMIT);
 * }</pre>
 */
public final class ForkedJvm {

    /** Default time the scenario gets to run main to the end. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(90);
    /**
     * Time a JVM gets to exit after the scenario printed its report. The report is printed after
     * the app already waited for its threads and children, so this only covers JVM shutdown.
     */
    private static final Duration DEFAULT_EXIT_AFTER_REPORT = Duration.ofSeconds(20);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Environment variables that would change the fork behind the test's back. */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    /** The fork JDK: the matrix's ({@code mcpguard.it.java.home}) or the one running the tests. */
    private Path javaHome = Jdk.CURRENT.home();
    /** Null until set: then the scenario apps with the current SDK. */
    private List<Path> classpath;
    private boolean agent;
    private String agentArgs;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> sysProps = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration exitAfterReport = DEFAULT_EXIT_AFTER_REPORT;
    private String mainClass;
    private List<String> args = List.of();
    /** A command the JVM's command line is handed to, e.g. one that starts it in namespaces of its own. */
    private List<String> wrapper = List.of();

    /** A scenario app from src/main, on the class path with the current SDK. */
    public static ForkedJvm app(Class<?> main, String... args) {
        return new ForkedJvm().main(main, args);
    }

    public ForkedJvm withAgent() {
        return withAgent(null);
    }

    /** Adds {@code -javaagent:mcp-guard.jar[=agentArgs]}; null means no arguments. */
    public ForkedJvm withAgent(String agentArgs) {
        this.agent = true;
        this.agentArgs = agentArgs;
        return this;
    }

    public ForkedJvm withoutAgent() {
        this.agent = false;
        this.agentArgs = null;
        return this;
    }

    public ForkedJvm javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    /** Replaces the default class path, the scenario apps with the current SDK ({@link Classpaths}). */
    public ForkedJvm classpath(List<Path> entries) {
        this.classpath = List.copyOf(entries);
        return this;
    }

    public ForkedJvm sysProp(String key, String value) {
        sysProps.put(key, value);
        return this;
    }

    /** Sets a variable in the fork; MCP_GUARD_* variables reach the fork only this way. */
    public ForkedJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Extra JVM options, placed before the agent option. */
    public ForkedJvm jvmArg(String... options) {
        jvmArgs.addAll(List.of(options));
        return this;
    }

    /** Starts the JVM through {@code wrapper}, which gets the java command line as its last arguments. */
    public ForkedJvm wrappedIn(List<String> wrapper) {
        this.wrapper = List.copyOf(wrapper);
        return this;
    }

    /** How long the JVM gets to exit once the scenario printed its report; past it, it counts as hung. */
    public ForkedJvm exitAfterReport(Duration limit) {
        this.exitAfterReport = limit;
        return this;
    }

    public ForkedJvm main(Class<?> main, String... args) {
        return main(main.getName(), args);
    }

    public ForkedJvm main(String mainClass, String... args) {
        this.mainClass = mainClass;
        this.args = List.of(args);
        return this;
    }

    public JvmResult run() {
        return run(DEFAULT_LIMIT);
    }

    /**
     * The command line {@link #start()} runs, for a program that starts the JVM itself (the conformance suite runs
     * its client command); variables set with {@link #env} are not part of it.
     */
    public List<String> commandLine() {
        return List.copyOf(command());
    }

    /** The test's own MCP_GUARD_* settings or JVM options must not change what a fork does. */
    static void withoutTestSettings(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("MCP_GUARD_") || JVM_OPTION_VARIABLES.contains(k));
    }

    /**
     * Starts the JVM and waits until it exits, at most {@code limit} for main to finish and then
     * {@link #exitAfterReport} for the JVM to go down.
     */
    public JvmResult run(Duration limit) {
        return start().finish(limit);
    }

    /**
     * Starts the JVM and returns at once, for a test that works on the JVM while it runs (attaches to it, reads its
     * status); {@link Running#finish} then waits for it like {@link #run(Duration)}.
     */
    public Running start() {
        List<String> command = command();
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        withoutTestSettings(environment);
        environment.putAll(env);

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        closeStdin(process);
        OutputCollector stdout = OutputCollector.start(process.getInputStream(), "stdout of " + process.pid());
        OutputCollector stderr = OutputCollector.start(process.getErrorStream(), "stderr of " + process.pid());
        return new Running(command, process, stdout, stderr, exitAfterReport);
    }

    /** A forked JVM that is running. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final OutputCollector stdout;
        private final OutputCollector stderr;
        private final Duration exitAfterReport;

        private Running(List<String> command, Process process, OutputCollector stdout, OutputCollector stderr,
                Duration exitAfterReport) {
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.exitAfterReport = exitAfterReport;
        }

        public long pid() {
            return process.pid();
        }

        /** The process started, which is the JVM itself unless it was {@link #wrappedIn} a command. */
        public ProcessHandle process() {
            return process.toHandle();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits until the JVM printed a stdout line starting with {@code prefix}; fails if it exits first. */
        public String awaitLine(String prefix, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : stdout.lines()) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            JvmResult sofar = finish(Duration.ZERO);
            throw new AssertionError("no line starting with " + prefix + " within " + limit + "\n" + sofar.describe());
        }

        /** The JVM's standard error so far. */
        public List<String> stderr() {
            return stderr.lines();
        }

        /** Waits at most {@code limit} for main to finish, then the exit-after-report time; kills it if it hangs. */
        public JvmResult finish(Duration limit) {
            boolean exited = awaitExit(process, stdout, limit, exitAfterReport);
            List<Long> killed = List.of();
            if (!exited) {
                killed = ProcessTrees.kill(process.toHandle(), KILL_LIMIT);
            }
            Instant end = Instant.now();
            // Output of a killed JVM may still be in the pipes; a grandchild holding them must not stall us.
            stdout.awaitEnd(KILL_LIMIT);
            stderr.awaitEnd(KILL_LIMIT);
            Integer exitCode = process.isAlive() ? null : process.exitValue();
            return new JvmResult(command, process.pid(), exitCode, exited, end, killed, stdout.lines(),
                    stderr.lines());
        }

        public JvmResult finish() {
            return finish(DEFAULT_LIMIT);
        }
    }

    private static boolean awaitExit(Process process, OutputCollector stdout, Duration limit, Duration exitAfterReport) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return true;
                }
                long reportedAt = stdout.reportSeenAtNanos();
                if (reportedAt != 0) {
                    deadline = Math.min(deadline, reportedAt + exitAfterReport.toNanos());
                }
            }
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.kill(process.toHandle(), KILL_LIMIT);
            throw new IllegalStateException("interrupted while waiting for the forked JVM", e);
        }
    }

    /** The forked app reads nothing; closing its stdin keeps a stray read from blocking forever. */
    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The JVM already exited; nothing to close.
        }
    }

    private List<String> command() {
        if (mainClass == null) {
            throw new IllegalStateException("no main class");
        }
        List<String> command = new ArrayList<>(wrapper);
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmArgs);
        if (agent) {
            String option = "-javaagent:" + ItPaths.agentJar();
            command.add(agentArgs == null ? option : option + "=" + agentArgs);
        }
        sysProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        List<Path> entries = classpath != null ? classpath : Classpaths.withSdk();
        command.add(entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
