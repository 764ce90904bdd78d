package dev.mcpguard.agent.install;

import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.log.GuardLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The one INFO banner at start: what runs, against which client libraries, with which settings from where, and what was woven
 * or why not. It is the first thing a user reads when asking "is the agent doing anything?".
 */
public final class Banner {

    private Banner() {
    }

    public static List<String> lines(String how, GuardConfig config, Installer installer) {
        List<String> lines = new ArrayList<>();
        lines.add("mcp-guard " + GuardVersion.get() + " started (" + how + ", Java "
                + System.getProperty("java.version") + ", pid " + ProcessHandle.current().pid() + ")");
        ClassLoader system = ClassLoader.getSystemClassLoader();
        List<InstrumentedLibrary> shown = new ArrayList<>();
        for (InstrumentedLibrary library : installer.libraries()) {
            if (library.visibleTo(system)) {
                lines.add("  " + library.bannerKey() + ": " + library.describe(system) + " on the system class path"
                        + verdict(installer.systemVerdict(library)));
                shown.add(library);
            } else if (library.alwaysInBanner()) {
                lines.add("  " + library.bannerKey()
                        + ": none on the system class path (class loaders that load it later are checked then)");
                shown.add(library);
            }
        }
        config.describe().forEach(line -> lines.add("  " + line));
        for (InstrumentedLibrary library : shown) {
            instrumentations(config, installer, library).forEach(status -> lines.add("  instrumentation " + status));
        }
        hostLoops(config).forEach(status -> lines.add("  instrumentation " + status));
        if (installer.retransformation() != null) {
            lines.add("  retransformed " + installer.retransformation());
        }
        return lines;
    }

    /** The library's status once it is known (after an attach); at premain each instrumentation line tells. */
    private static String verdict(ReferenceCheck.Verdict verdict) {
        if (verdict == null) {
            return "";
        }
        return verdict.supported() ? " (guarded)" : " (left untouched: it lacks " + verdict.missing() + ")";
    }

    /** What each of the library's instrumentations does here, or why it does not. */
    private static List<String> instrumentations(GuardConfig config, Installer installer,
            InstrumentedLibrary library) {
        List<String> statuses = new ArrayList<>();
        boolean visible = library.visibleTo(ClassLoader.getSystemClassLoader());
        ReferenceCheck.Verdict verdict = installer.systemVerdict(library);
        for (ClassInstrumentation instrumentation : library.instrumentations()) {
            String status;
            if (!config.enabled(instrumentation.feature())) {
                status = "skipped: " + switchedOff(config, instrumentation.feature());
            } else if (!visible) {
                status = "installed; applies when a class loader loads a supported " + library.name();
            } else if (verdict != null) {
                status = verdict.supported() ? "applied" : "skipped: the " + library.name() + " lacks " + verdict.missing();
            } else {
                status = "installed; the " + library.name() + " is checked and woven as the application starts";
            }
            statuses.add(instrumentation.feature().featureName() + ": " + status + " [" + instrumentation.target()
                    + "]");
        }
        return statuses;
    }

    /** The host's declared reconnect loops ({@code reconnect.methods}). */
    private static List<String> hostLoops(GuardConfig config) {
        List<String> statuses = new ArrayList<>();
        List<String> declared = config.get(Settings.RECONNECT_METHODS);
        if (!config.enabled(Feature.HOST_LOOPS)) {
            statuses.add("host-loops: skipped: " + switchedOff(config, Feature.HOST_LOOPS));
        } else if (declared.isEmpty()) {
            statuses.add("host-loops: none declared (" + Settings.RECONNECT_METHODS.key() + ")");
        } else {
            statuses.add("host-loops: applied [" + String.join(", ", declared) + "]");
        }
        return statuses;
    }

    private static String switchedOff(GuardConfig config, Feature feature) {
        var setting = Settings.enabled(feature);
        return setting.key() + "=false (" + config.origin(setting) + ")";
    }

    public static void print(List<String> lines) {
        lines.forEach(GuardLog::info);
    }
}
