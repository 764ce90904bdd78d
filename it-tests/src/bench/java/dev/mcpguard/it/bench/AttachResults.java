package dev.mcpguard.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The attach section of {@code results.md}, from the files run.sh's {@code attach_bench} left in the bench folder
 * ({@code attach.properties}, {@code attach-*.txt}, ms); nothing if it did not run. Goal of issue 7: the attach
 * command, retransformation included, under 2 s. The reference is the JDK's own attach of the same target
 * ({@code jcmd <pid> VM.version}: a JVM start and one attach round trip), so the difference is what mcp-guard adds.
 */
final class AttachResults {

    static final double GOAL_MS = 2000;

    private AttachResults() {
    }

    static void render(Path dir, List<String> out) {
        Path file = dir.resolve("attach.properties");
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sessions = p.getProperty("attach.sessions");
        Samples command = Samples.read(dir.resolve("attach-command.txt"));
        Samples active = Samples.read(dir.resolve("attach-active.txt"));
        Path jcmdFile = dir.resolve("attach-jcmd.txt");
        Samples jcmd = Files.exists(jcmdFile) ? Samples.read(jcmdFile) : null;
        Samples started = Samples.read(dir.resolve("attach-started.txt"));
        Samples agentStart = Samples.read(dir.resolve("attach-agentstart.txt"));
        Samples after = Samples.read(dir.resolve("attach-after.txt"));
        Samples install = Samples.read(dir.resolve("attach-install.txt"));
        Samples open = Samples.read(dir.resolve("attach-open.txt"));

        out.add("");
        out.add("| attach into a running client JVM | JDK's own attach: `jcmd <pid> VM.version`, median (min–max) |"
                + " mcp-guard: median (min–max) | difference of medians | goal | verdict |");
        out.add("| --- | --- | --- | --- | --- | --- |");
        out.add("| attach: `java -jar mcp-guard.jar attach <pid>` into a JVM with " + sessions + " Streamable HTTP"
                + " sessions open, command start to exit | " + (jcmd == null ? "not run (no jcmd)" : cell(jcmd))
                + " | " + cell(command) + " | " + (jcmd == null ? "–" : signed(command.median() - jcmd.median()) + " ms")
                + " | < 2 s | " + (command.median() < GOAL_MS ? "met" : "**not met** (by "
                + ms(command.median() - GOAL_MS) + " ms)") + (command.max() >= GOAL_MS ? "; slowest round "
                + ms(command.max()) + " ms" : "") + " |");
        out.add("| attach: from the command's start until the target JVM has mcp-guard active, its SDK classes"
                + " retransformed (`mcpguard.agent.state`, polled every 1 ms in the target) | – | " + cell(active)
                + " | – | < 2 s | " + (active.median() < GOAL_MS ? "met" : "**not met** (by "
                + ms(active.median() - GOAL_MS) + " ms)") + " |");
        out.add("");
        out.add("Attach rows: " + command.count() + " rounds, each a new JVM that opened " + sessions + " sessions"
                + " (initialize each, one after the other; median " + ms(open.median()) + " ms for all) against one"
                + " local server-everything without the agent, then was attached by the command (with `close-timeout="
                + p.getProperty("attach.close-timeout") + "`), then by jcmd. Where the command's time goes (medians of"
                + " each part, min–max): mcp-guard's code ran in the target " + cell(started) + " after the command"
                + " started (the command's own JVM, the attach handshake, loading the agent); it was active "
                + cell(agentStart) + " later (configuration, Byte Buddy's install with the retransformation of "
                + p.getProperty("attach.retransformed") + ": " + cell(install) + " as the banner says, the banner);"
                + " the command exited " + cell(after) + " after that (the agent registers its MBean, creating the"
                + " target's platform MBean server if nobody had, then the command reads the target's properties back"
                + " and prints the banner). Every round then closed its sessions and checked that the retransformed"
                + " classes guarded them: "
                + p.getProperty("attach.verified") + ".");
    }

    private static String cell(Samples s) {
        return ms(s.median()) + " ms (" + ms(s.min()) + "–" + ms(s.max()) + ", n=" + s.count() + ")";
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String signed(double millis) {
        return (millis >= 0 ? "+" : "−") + ms(Math.abs(millis));
    }
}
