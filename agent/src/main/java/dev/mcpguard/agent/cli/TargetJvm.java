package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.sdk.Sdk;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.mcpguard.agent.status.AgentMarks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the command line is attached to, through the JDK's attach API: what its system properties say about
 * mcp-guard and the MCP SDK, and the few operations the commands need. Every way an attach can fail becomes one
 * sentence the user can act on.
 */
final class TargetJvm implements AutoCloseable {

    /** An SDK jar on a class path: mcp-2.1.0.jar or mcp-core-2.1.0.jar. */
    private static final Pattern SDK_JAR = Pattern.compile("(mcp(?:-core)?)-(\\d[\\w.-]*)\\.jar");

    private final long pid;
    private final VirtualMachine vm;
    private Properties properties;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches, or fails with {@link CliFailure#NO_JVM} and a reason. */
    static TargetJvm attach(long pid) throws CliFailure {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new CliFailure(CliFailure.NO_JVM, "no process has pid " + pid + " ('list' shows the JVMs)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new CliFailure(CliFailure.NO_JVM, "pid " + pid + " is this command itself");
        }
        String owner = process.get().info().user().orElse(null);
        String me = System.getProperty("user.name");
        // Root may attach to any user's JVM (the JVM accepts it); the files it hands over are then made that user's.
        if (owner != null && me != null && !owner.equals(me) && LinuxProcess.ourUid() != 0) {
            throw new CliFailure(CliFailure.NO_JVM, "pid " + pid + " belongs to user " + owner
                    + "; run the command as that user, e.g. sudo -u " + owner + " java -jar mcp-guard.jar ...");
        }
        String unsafe = quitSignalUnsafe(pid);
        if (unsafe != null) {
            boolean listed = VirtualMachine.list().stream().anyMatch(d -> d.id().equals(Long.toString(pid)));
            throw new CliFailure(CliFailure.NO_JVM, listed
                    ? "pid " + pid + " cannot be attached to safely: " + unsafe
                    : "pid " + pid + " (" + process.get().info().command().map(c -> Paths.get(c).getFileName()
                            .toString()).orElse("unknown command") + ") is not a Java VM ('list' shows them)");
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new CliFailure(CliFailure.NO_JVM, "pid " + pid + " is not a JVM this user can attach to ("
                    + reason(e) + "; a JVM started with -XX:+DisableAttachMechanism refuses every attach)", e);
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.NO_JVM, "cannot attach to pid " + pid + " (" + reason(e) + ")", e);
        }
    }

    long pid() {
        return pid;
    }

    VirtualMachine vm() {
        return vm;
    }

    /**
     * Runs a diagnostic command (what {@code jcmd <pid> <command>} runs) over the attach connection, e.g. a thread
     * dump: it reads, and starts nothing in the JVM. The method is HotSpot's own, in a package jdk.attach does not
     * export; the jar's manifest exports it to the command line (Add-Exports).
     */
    String diagnosticCommand(String command) throws CliFailure {
        try {
            Method execute = vm.getClass().getMethod("executeJCmd", String.class);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try (InputStream output = (InputStream) execute.invoke(vm, command)) {
                // Whole buffers only: JDK 17's attach stream fails a read into the middle of one (readAllBytes).
                output.transferTo(text);
            }
            return text.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CliFailure(CliFailure.FAILED, command + " failed in pid " + pid + " (" + reason(cause) + ")", e);
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.FAILED, command + " cannot be run in pid " + pid + " (" + reason(e) + ")",
                    e);
        }
    }

    /** The target's system properties, read once; later reads see what changed ({@link #refresh()}). */
    Properties properties() throws CliFailure {
        if (properties == null) {
            refresh();
        }
        return properties;
    }

    void refresh() throws CliFailure {
        try {
            properties = vm.getSystemProperties();
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "pid " + pid + " did not answer (" + reason(e) + ")", e);
        }
    }

    /** The mcp-guard version loaded there, or null: also after an attach that did not start it and left nothing. */
    String guardVersion() throws CliFailure {
        return AgentMarks.FAILED.equals(properties().getProperty(AgentMarks.STATE)) ? null
                : properties().getProperty(AgentMarks.VERSION);
    }

    /** Whether the last attach loaded mcp-guard but it did not start (its summary says why); another may try. */
    boolean guardFailedToStart() throws CliFailure {
        return AgentMarks.FAILED.equals(properties().getProperty(AgentMarks.STATE));
    }

    /** Where this JVM reads the files a load hands it: ours, or its own copies in its own file system. */
    TargetFiles files() throws CliFailure {
        return TargetFiles.of(pid, properties().getProperty("java.io.tmpdir"));
    }

    boolean guardActive() throws CliFailure {
        return AgentMarks.ACTIVE.equals(properties().getProperty(AgentMarks.STATE));
    }

    List<String> guardSummary() throws CliFailure {
        String summary = properties().getProperty(AgentMarks.SUMMARY, "");
        return summary.isEmpty() ? List.of() : List.of(summary.split("\n"));
    }

    /** Its main class or jar, without the arguments (they may hold secrets). */
    String main() throws CliFailure {
        return ListCommand.mainOf(properties().getProperty("sun.java.command"));
    }

    /** The Java feature version, e.g. 17 or 25; 0 if unknown. */
    int javaFeature() throws CliFailure {
        String version = properties().getProperty("java.specification.version", "0");
        try {
            return Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String javaVersion() throws CliFailure {
        return properties().getProperty("java.version", "unknown");
    }

    /** The SDK mcp-guard reports, else one on the class path, else null (a fat jar, or no SDK). */
    String sdk() throws CliFailure {
        String guarded = properties().getProperty(AgentMarks.SDK);
        if (guarded != null && !guarded.isEmpty()) {
            return guarded;
        }
        return sdkOnClassPath(properties().getProperty("java.class.path", ""));
    }

    /** The client libraries mcp-guard guards in the JVM, e.g. the SDK and LangChain4j's client; empty if none. */
    String libraries() throws CliFailure {
        return properties().getProperty(AgentMarks.LIBRARIES, "");
    }

    static String sdkOnClassPath(String classPath) {
        for (String entry : classPath.split(Pattern.quote(java.io.File.pathSeparator))) {
            Path name = entry.isEmpty() ? null : Paths.get(entry).getFileName();
            Matcher jar = name == null ? null : SDK_JAR.matcher(name.toString());
            if (jar != null && jar.matches()) {
                return Sdk.MAVEN_GROUP + ":" + jar.group(1) + " " + jar.group(2) + " on the class path";
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the target went away: nothing left to detach from
        }
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    /**
     * HotSpot on Linux starts its attach listener when it receives SIGQUIT. A process that does not catch SIGQUIT
     * (not a JVM, or a JVM whose signal handling was replaced) would be ended by it, so unless its attach socket
     * already exists, it is not signalled.
     * Null when attaching is safe or this cannot be told (not Linux).
     */
    static String quitSignalUnsafe(long pid) {
        Path status = Paths.get("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return null;
        }
        // In a container the JVM names its socket after its pid there, in its own /tmp.
        long namespacePid = LinuxProcess.of(pid).map(LinuxProcess::namespacePid).orElse(pid);
        String socket = ".java_pid" + namespacePid;
        if (Files.exists(Paths.get("/proc", Long.toString(pid), "root", "tmp", socket))
                || Files.exists(Paths.get(System.getProperty("java.io.tmpdir"), socket))) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseUnsignedLong(line.substring(7).trim().toLowerCase(Locale.ROOT), 16);
                    boolean quitCaught = (caught & (1L << (3 - 1))) != 0;
                    return quitCaught ? null
                            : "it does not handle SIGQUIT, and the attach signal would end it";
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
