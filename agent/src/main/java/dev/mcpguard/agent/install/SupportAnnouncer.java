package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.status.AgentMarks;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Says once per class loader what the agent does with its library: one INFO line when it guards it, one WARN when
 * it leaves it alone. Shared by the prepared class files and the reference check, so that a class loader served by
 * both is announced once.
 */
final class SupportAnnouncer {

    private final InstrumentedLibrary library;
    private final Map<ClassLoader, Boolean> announced = new WeakHashMap<>();

    SupportAnnouncer(InstrumentedLibrary library) {
        this.library = library;
    }

    /** For a class loader whose library was found to be a release the agent prepared. */
    void announceSupported(ClassLoader loader) {
        if (first(loader)) {
            say(loader, new ReferenceCheck.Verdict(library.describe(loader), null));
        }
    }

    void announce(ClassLoader loader, ReferenceCheck.Verdict verdict) {
        if (first(loader)) {
            say(loader, verdict);
        }
    }

    private boolean first(ClassLoader loader) {
        synchronized (announced) {
            return announced.put(loader, Boolean.TRUE) == null;
        }
    }

    private static void say(ClassLoader loader, ReferenceCheck.Verdict verdict) {
        if (verdict.supported()) {
            // For the list and status commands, which read it from outside.
            System.setProperty(AgentMarks.SDK, verdict.sdk());
        }
        String where = loader == ClassLoader.getSystemClassLoader() ? "on the system class path" : "in " + loader;
        if (!verdict.supported()) {
            GuardLog.warn("SDK " + verdict.sdk() + " " + where + " lacks " + verdict.missing()
                    + "; mcp-guard leaves it untouched");
        } else {
            GuardLog.info("guarding " + verdict.sdk() + " " + where);
        }
    }
}
