package dev.mcpguard.agent.install;

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
    private final SupportAnnouncer announcer;

    ReferenceCheck(InstrumentedLibrary library, List<Reference> references) {
        this(library, references, new SupportAnnouncer(library));
    }

    ReferenceCheck(InstrumentedLibrary library, List<Reference> references, SupportAnnouncer announcer) {
        this.library = library;
        this.references = List.copyOf(references);
        this.announcer = announcer;
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
        announcer.announce(loader, verdict);
        return verdict.supported();
    }

    /** The verdict without logging it, for the banner, which says it in its own words. */
    synchronized Verdict verdictFor(ClassLoader loader) {
        return verdicts.computeIfAbsent(loader, this::check);
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
