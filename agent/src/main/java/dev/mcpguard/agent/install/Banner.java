package dev.mcpguard.agent.install;

import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.log.GuardLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The one INFO banner at start: what runs, against which SDK, with which settings from where, and what was woven
 * or why not. It is the first thing a user reads when asking "is the agent doing anything?".
 */
public final class Banner {

    private Banner() {
    }

    /** @param retransformation what was done to SDK classes loaded before the start, or null if there were none */
    public static List<String> lines(String how, GuardConfig config, List<String> instrumentations,
            String retransformation) {
        List<String> lines = new ArrayList<>();
        lines.add("mcp-guard " + GuardVersion.get() + " started (" + how + ", Java "
                + System.getProperty("java.version") + ", pid " + ProcessHandle.current().pid() + ")");
        ClassLoader system = ClassLoader.getSystemClassLoader();
        lines.add(SdkVersion.visibleTo(system)
                ? "  sdk: " + SdkVersion.describe(system) + " on the system class path"
                : "  sdk: none on the system class path (class loaders that load it later are checked then)");
        config.describe().forEach(line -> lines.add("  " + line));
        instrumentations.forEach(status -> lines.add("  instrumentation " + status));
        if (retransformation != null) {
            lines.add("  retransformed " + retransformation);
        }
        return lines;
    }

    public static void print(List<String> lines) {
        lines.forEach(GuardLog::info);
    }
}
