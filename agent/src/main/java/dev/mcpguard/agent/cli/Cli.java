package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.config.Setting;
import dev.mcpguard.agent.config.Settings;
import java.io.PrintStream;

/**
 * {@code java -jar mcp-guard.jar <command>}. Exit status 0 on success, 2 for a command line it does not understand.
 */
public final class Cli {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar mcp-guard.jar <command>",
            "",
            "commands:",
            "  version    print the mcp-guard version",
            "  settings   list every configuration key with its default and what it does",
            "  help       print this text",
            "",
            "As an agent: java -javaagent:mcp-guard.jar[=key=value;key=value] -jar your-app.jar");

    private Cli() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return 0;
            case "version":
            case "--version":
                out.println("mcp-guard " + GuardVersion.get());
                return 0;
            case "settings":
                for (Setting<?> setting : Settings.all()) {
                    String defaultText = setting.defaultText().isEmpty() ? "(none)" : setting.defaultText();
                    out.printf("%-34s %-10s %-36s %s%n", setting.key(), defaultText, setting.environmentVariable(),
                            setting.description());
                }
                return 0;
            default:
                err.println("mcp-guard: unknown command '" + command + "'; try: java -jar mcp-guard.jar help");
                return 2;
        }
    }
}
