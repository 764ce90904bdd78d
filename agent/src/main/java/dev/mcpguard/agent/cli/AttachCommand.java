package dev.mcpguard.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import dev.mcpguard.agent.config.ConfigLoader;
import dev.mcpguard.agent.config.InvalidConfiguration;
import dev.mcpguard.agent.config.Problem;
import dev.mcpguard.agent.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code attach <pid> [key=value ...]}: loads mcp-guard into a running JVM. The settings travel in a temporary
 * properties file named by the one agent argument {@code config=<file>}, as Elastic's attacher does: a long agent
 * argument string is fragile, and the file is readable by the target's user only ({@link TargetFiles} puts it, and
 * the jar if need be, where a JVM in a container reads them). Loading is synchronous (the JDK returns once
 * {@code agentmain} has), after which the target's system properties say how the start went.
 */
final class AttachCommand {

    static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar attach <pid> [key=value ...]",
            "",
            "Loads mcp-guard into the running JVM <pid> with the given settings (keys as in 'settings', with or",
            "without the mcp.guard. prefix; config=<file> reads more from a properties file), waits until it has",
            "started and prints its banner. SDK classes already loaded are retransformed; sessions opened before",
            "are guarded from their next close.",
            "",
            "example: java -jar mcp-guard.jar attach 12345 close-timeout=2s log.level=debug",
            "",
            "exit status: 0 attached; 1 the agent did not start; 2 bad command line; 3 no JVM with that pid this",
            "user can attach to; 4 mcp-guard is already loaded there.",
            "On Java 21+ the target prints a warning about a dynamically loaded agent unless it was started with",
            "-XX:+EnableDynamicAgentLoading.");

    private static final String CONFIG_ALIAS = "config";
    /** A start that failed installed nothing, so the JVM takes another attach. */
    private static final String AGAIN = "; nothing was installed, attach again once that is fixed";

    private AttachCommand() {
    }

    static int run(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 1, Integer.MAX_VALUE);
        long pid = line.pid(0);
        byte[] settings = store(settings(line.settings(1)));
        validate(settings);
        try (TargetJvm target = TargetJvm.attach(pid)) {
            return attach(target, settings, out);
        }
    }

    private static int attach(TargetJvm target, byte[] settings, PrintStream out) throws CliFailure {
        String loaded = target.guardVersion();
        if (loaded != null) {
            throw new CliFailure(CliFailure.WRONG_STATE, "mcp-guard " + loaded + " is already loaded in pid "
                    + target.pid() + (target.guardActive() ? "" : " (disabled)") + "; nothing done ('status "
                    + target.pid() + "' shows what it does)");
        }
        if (target.javaFeature() != 0 && target.javaFeature() < 17) {
            throw new CliFailure(CliFailure.FAILED, "pid " + target.pid() + " runs Java " + target.javaVersion()
                    + "; mcp-guard needs Java 17 or later");
        }
        long start = System.nanoTime();
        TargetFiles files = target.files();
        try (TargetFiles.Handed jar = files.agentJar(agentJar());
                TargetFiles.Handed file = files.write(settings, "mcp-guard-attach-", ".properties")) {
            target.vm().loadAgent(jar.theirs(), "config=" + file.theirs());
        } catch (AgentInitializationException e) {
            target.refresh();
            throw new CliFailure(CliFailure.FAILED, "mcp-guard refused to start in pid " + target.pid() + ": "
                    + firstLine(target.guardSummary(), "see the target's standard error") + AGAIN, e);
        } catch (AgentLoadException | IOException e) {
            throw new CliFailure(CliFailure.FAILED, "pid " + target.pid() + " could not load mcp-guard ("
                    + TargetJvm.reason(e) + ")", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        target.refresh();
        if (target.guardFailedToStart()) {
            throw new CliFailure(CliFailure.FAILED, "mcp-guard disabled itself in pid " + target.pid() + ": "
                    + firstLine(target.guardSummary(), "see the target's standard error") + AGAIN);
        }
        if (target.guardVersion() == null) {
            throw new CliFailure(CliFailure.FAILED, "mcp-guard was loaded into pid " + target.pid()
                    + " but did not report that it started; see the target's standard error");
        }
        if (!target.guardActive()) {
            throw new CliFailure(CliFailure.FAILED, "mcp-guard disabled itself in pid " + target.pid() + ": "
                    + firstLine(target.guardSummary(), "see the target's standard error"));
        }
        out.println("attached mcp-guard to pid " + target.pid() + " in " + millis + " ms; it says:");
        target.guardSummary().forEach(summary -> out.println("  " + summary));
        if (target.javaFeature() >= 21) {
            out.println("note: Java " + target.javaFeature() + " logs a warning in the target when an agent is"
                    + " loaded dynamically; -XX:+EnableDynamicAgentLoading on its command line allows it silently");
        }
        return 0;
    }

    /** The settings of the command line (and of a config=<file> among them), with their full key names. */
    static Properties settings(List<String[]> pairs) throws CliFailure {
        Properties settings = new Properties();
        for (String[] pair : pairs) {
            if (pair[0].equals(CONFIG_ALIAS) || pair[0].endsWith("configuration-file")) {
                try (InputStream in = Files.newInputStream(Paths.get(pair[1]))) {
                    Properties fromFile = new Properties();
                    fromFile.load(in);
                    fromFile.forEach((k, v) -> settings.putIfAbsent(fullKey(k.toString()), v));
                } catch (IOException | IllegalArgumentException e) {
                    throw new CliFailure(CliFailure.USAGE, "cannot read the configuration file " + pair[1] + " ("
                            + TargetJvm.reason(e) + ")");
                }
            }
        }
        for (String[] pair : pairs) {
            if (!pair[0].equals(CONFIG_ALIAS) && !pair[0].endsWith("configuration-file")) {
                settings.put(fullKey(pair[0]), pair[1]);
            }
        }
        return settings;
    }

    private static String fullKey(String key) {
        return key.startsWith(Setting.PREFIX) ? key : Setting.PREFIX + key;
    }

    /** The same checks the agent makes, here, so that a typo is a line on the user's terminal, not in the target. */
    private static void validate(byte[] settings) throws CliFailure {
        Path file;
        try {
            // createTempFile makes the file readable by this user only.
            file = Files.createTempFile("mcp-guard-check-", ".properties");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot write the settings file (" + TargetJvm.reason(e) + ")");
        }
        try {
            Files.write(file, settings);
            ConfigLoader.load(CONFIG_ALIAS + "=" + file, Map.of(), Map.of());
        } catch (InvalidConfiguration invalid) {
            Problem problem = invalid.problems().get(0);
            throw new CliFailure(CliFailure.USAGE, problem.subject() + ": " + problem.complaint());
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot write the settings file (" + TargetJvm.reason(e) + ")");
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left in this user's temporary directory, readable by this user only
            }
        }
    }

    private static byte[] store(Properties settings) throws CliFailure {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            settings.store(bytes, "mcp-guard attach settings; deleted once the agent has read them");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot write the settings (" + TargetJvm.reason(e) + ")");
        }
        return bytes.toByteArray();
    }

    private static String firstLine(List<String> lines, String otherwise) {
        return lines.isEmpty() ? otherwise : lines.get(0);
    }

    /** The jar this command runs from is the agent. */
    static Path agentJar() throws CliFailure {
        try {
            return Paths.get(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new CliFailure(CliFailure.FAILED, "cannot tell where mcp-guard.jar is (" + e + ")");
        }
    }
}
