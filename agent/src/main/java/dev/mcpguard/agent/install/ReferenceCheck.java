package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Decides, once per class loader, whether its copy of one library has everything the library's enabled
 * instrumentations rely on. It fails closed: a library missing a single member is left untouched as a whole, with
 * one WARN, because half-applied advice that changes control flow is worse than none.
 */
final class ReferenceCheck {

    /** The outcome for one class loader: {@code missing} is null when the library is supported. */
    record Verdict(String library, String missing) {
        boolean supported() {
            return missing == null;
        }
    }

    private final InstrumentedLibrary library;
    private final List<Reference> references;
    private final Map<ClassLoader, Verdict> verdicts = new WeakHashMap<>();
    private final Map<ClassLoader, Boolean> announced = new WeakHashMap<>();

    ReferenceCheck(InstrumentedLibrary library, List<Reference> references) {
        this.library = library;
        this.references = List.copyOf(references);
    }

    InstrumentedLibrary library() {
        return library;
    }

    /** The matcher's question; the first answer for a loader is logged: WARN when its library is left untouched. */
    boolean supports(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        Verdict verdict = verdictFor(loader);
        announceOnce(loader, verdict);
        return verdict.supported();
    }

    /** The verdict without logging it, for the banner, which says it in its own words. */
    synchronized Verdict verdictFor(ClassLoader loader) {
        return verdicts.computeIfAbsent(loader, this::check);
    }

    private void announceOnce(ClassLoader loader, Verdict verdict) {
        synchronized (this) {
            if (announced.put(loader, Boolean.TRUE) != null) {
                return;
            }
        }
        if (verdict.supported()) {
            library.guarding(verdict.library());
        }
        String where = loader == ClassLoader.getSystemClassLoader() ? "on the system class path" : "in " + loader;
        if (!verdict.supported()) {
            GuardLog.warn(library.name() + " " + verdict.library() + " " + where + " lacks " + verdict.missing()
                    + "; mcp-guard leaves it untouched");
        } else {
            GuardLog.info("guarding " + verdict.library() + " " + where);
        }
    }

    private Verdict check(ClassLoader loader) {
        String described = library.describe(loader);
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        try {
            for (Reference reference : references) {
                String missing = reference.findMissing(pool);
                if (missing != null) {
                    return new Verdict(described, missing);
                }
            }
            return new Verdict(described, null);
        } finally {
            pool.clear();
        }
    }
}
