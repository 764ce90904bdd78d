package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.status.AgentMarks;
import java.util.ArrayList;
import java.util.List;
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
    /** Said once the banner is out, when there is one: it comes first, and the weaving may be done before it. */
    private List<Runnable> beforeBanner;

    /** An announcer that says everything at once. */
    SupportAnnouncer(InstrumentedLibrary library) {
        this.library = library;
    }

    /** An announcer that holds everything back until {@link #bannerPrinted}. */
    static SupportAnnouncer afterBanner(InstrumentedLibrary library) {
        SupportAnnouncer announcer = new SupportAnnouncer(library);
        announcer.beforeBanner = new ArrayList<>();
        return announcer;
    }

    /** For a class loader whose library was found to be a release the agent prepared. */
    void announceSupported(ClassLoader loader) {
        if (first(loader)) {
            sayAfterBanner(new Saying(loader, null));
        }
    }

    void announce(ClassLoader loader, ReferenceCheck.Verdict verdict) {
        if (first(loader)) {
            sayAfterBanner(new Saying(loader, verdict));
        }
    }

    /** The banner is out: what was held back is said now, in order. */
    void bannerPrinted() {
        List<Runnable> held;
        synchronized (announced) {
            held = beforeBanner;
            beforeBanner = null;
        }
        if (held != null) {
            held.forEach(Runnable::run);
        }
    }

    private void sayAfterBanner(Saying saying) {
        synchronized (announced) {
            if (beforeBanner != null) {
                beforeBanner.add(saying);
                return;
            }
        }
        saying.run();
    }

    /** One announcement; a supported release is named only when it is said, off the class load's path. */
    private final class Saying implements Runnable {

        private final ClassLoader loader;
        private final ReferenceCheck.Verdict verdict;

        Saying(ClassLoader loader, ReferenceCheck.Verdict verdict) {
            this.loader = loader;
            this.verdict = verdict;
        }

        @Override
        public void run() {
            say(loader, verdict != null ? verdict : new ReferenceCheck.Verdict(library.describe(loader), null));
        }
    }

    private boolean first(ClassLoader loader) {
        synchronized (announced) {
            return announced.put(loader, Boolean.TRUE) == null;
        }
    }

    private void say(ClassLoader loader, ReferenceCheck.Verdict verdict) {
        if (verdict.supported()) {
            library.guarding(verdict.library());
            AgentMarks.guarding(verdict.library());
        }
        String where = loader == ClassLoader.getSystemClassLoader() ? "on the system class path" : "in " + loader;
        if (!verdict.supported()) {
            GuardLog.warn(library.name() + " " + verdict.library() + " " + where + " lacks " + verdict.missing()
                    + "; mcp-guard leaves it untouched");
        } else {
            GuardLog.info("guarding " + verdict.library() + " " + where);
        }
    }
}
