package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.config.Setting;
import dev.mcpguard.agent.config.Settings;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code java -jar mcp-guard.jar <command>}: every command takes {@code --help}; exit status 0 on success, and on a
 * failure a non-zero status with one line on standard error (codes in {@link CliFailure}).
 */
public final class Cli {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar <command> [--help]",
            "",
            "commands:",
            "  list                        the JVMs here and in containers: pid, main, mcp-guard loaded?, MCP SDK",
            "  attach <pid> [key=value..]  load mcp-guard into a running JVM with these settings",
            "  status <pid> [--json]       sessions open and counters of a guarded JVM",
            "  doctor [<pid>]              look for what mcp-guard fixes in a JVM (or on this machine)",
            "  settings                    every configuration key with its default and what it does",
            "  version                     the mcp-guard version",
            "  help                        this text",
            "",
            "exit status: 0 success; 1 failed; 2 bad command line; 3 no JVM with that pid this user can attach to;",
            "4 mcp-guard already loaded (attach) or not loaded (status).",
            "",
            "As an agent: java -javaagent:mcp-guard.jar[=key=value;key=value] -jar your-app.jar");

    private static final String SETTINGS_HELP = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar settings",
            "",
            "Lists every configuration key: name, default, environment variable, what it does.");
    private static final String VERSION_HELP = "usage: java -jar mcp-guard.jar version";

    private Cli() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.parse(args);
        try {
            switch (line.command()) {
                case "help":
                    out.println(USAGE);
                    return 0;
                case "version":
                    return help(line, out, VERSION_HELP) ? 0 : version(line, out);
                case "settings":
                    return help(line, out, SETTINGS_HELP) ? 0 : settings(line, out);
                case "list":
                    return help(line, out, ListCommand.HELP) ? 0 : ListCommand.run(line, out);
                case "attach":
                    return help(line, out, AttachCommand.HELP) ? 0 : AttachCommand.run(line, out);
                case "status":
                    return help(line, out, StatusCommand.HELP) ? 0 : StatusCommand.run(line, out);
                case "doctor":
                    return help(line, out, DoctorCommand.HELP) ? 0 : DoctorCommand.run(line, out);
                default:
                    err.println("mcp-guard: unknown command '" + line.command()
                            + "'; try: java -jar mcp-guard.jar help");
                    return CliFailure.USAGE;
            }
        } catch (CliFailure failure) {
            err.println("mcp-guard: " + failure.getMessage());
            return failure.code();
        } catch (RuntimeException | LinkageError unexpected) {
            err.println("mcp-guard: " + line.command() + " failed unexpectedly: " + unexpected);
            return CliFailure.FAILED;
        }
    }

    private static boolean help(CommandLine line, PrintStream out, String text) {
        if (line.wantsHelp()) {
            out.println(text);
            return true;
        }
        return false;
    }

    private static int version(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 0, 0);
        out.println("mcp-guard " + GuardVersion.get());
        return 0;
    }

    private static int settings(CommandLine line, PrintStream out) throws CliFailure {
        line.expect(Set.of(), 0, 0);
        for (Setting<?> setting : Settings.all()) {
            String defaultText = setting.defaultText().isEmpty() ? "(none)" : setting.defaultText();
            out.printf("%-34s %-10s %-36s %s%n", setting.key(), defaultText, setting.environmentVariable(),
                    setting.description());
        }
        return 0;
    }
}
