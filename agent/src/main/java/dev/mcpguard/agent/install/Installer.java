package dev.mcpguard.agent.install;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.thread.AgentThreads;
import dev.mcpguard.bootstrap.AdviceErrors;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Wires the enabled instrumentations into the JVM. Everything here serves three promises: the same weaving works
 * at premain and after attach (method bodies only, retransformation), nothing woven can throw into the host
 * (every advice's throwables go to {@link AdviceErrors}), and the host's start-up pays as little as possible: at
 * premain only a name-matching transformer is registered on the main thread. A library release the build prepared
 * (the SDK's, LangChain4j's, ADK's) is served its class files woven at build time ({@link PreparedClasses}), without Byte
 * Buddy; for any other, Byte Buddy is loaded and the library's classes are checked and woven, ahead on a thread of the
 * agent's own ({@code mcp-guard-weaver}) when premain had to read the configuration itself, else when the start is
 * done or the first of them loads. A thread that loads a class to weave before then waits for it, so no class the agent weaves
 * ever escapes the weaving.
 */
public final class Installer {

    /**
     * SDK classes loaded before the agent (after an attach) are retransformed in batches with a pause between them,
     * as the Elastic agent does, so that no single stop of the application is long. The agent weaves a handful of
     * SDK classes per class loader, so this is one short batch unless many loaders hold an SDK.
     */
    private static final int RETRANSFORM_BATCH = 8;
    private static final long RETRANSFORM_PAUSE_MILLIS = 20;
    private static final long BANNER_WAIT_SECONDS = 10;

    private final List<InstrumentedLibrary> libraries;
    private final GuardConfig config;
    /** Each library's enabled instrumentations, in the order of {@link #libraries}. */
    private final Map<InstrumentedLibrary, List<ClassInstrumentation>> enabled = new LinkedHashMap<>();
    private final List<ClassInstrumentation> host;
    private final FutureTask<Weaver> weaver;
    /** Each library's announcer, shared by its prepared class files and its reference check. */
    private final Map<InstrumentedLibrary, SupportAnnouncer> announcers = new LinkedHashMap<>();
    /** Each library's class files woven at build time; none for a library the build does not prepare. */
    private final Map<InstrumentedLibrary, PreparedClasses> prepared = new LinkedHashMap<>();
    /** The reports of {@link #prepare} come after the banner, whichever thread gets there first. */
    private final CountDownLatch bannerPrinted = new CountDownLatch(1);
    private boolean preparingInBackground;
    private String retransformation;

    /**
     * @param libraries the client libraries the agent instruments, each checked and woven on its own
     * @param host the instrumentations of the host's own classes (its declared reconnect loops)
     */
    public Installer(List<InstrumentedLibrary> libraries, List<ClassInstrumentation> host, GuardConfig config) {
        this.libraries = List.copyOf(libraries);
        this.config = config;
        for (InstrumentedLibrary library : this.libraries) {
            List<ClassInstrumentation> on = new ArrayList<>();
            for (ClassInstrumentation instrumentation : library.instrumentations()) {
                if (config.enabled(instrumentation.feature())) {
                    on.add(instrumentation);
                }
            }
            enabled.put(library, on);
            SupportAnnouncer announcer = SupportAnnouncer.afterBanner(library);
            announcers.put(library, announcer);
            prepared.put(library, new PreparedClasses(Installer.class.getClassLoader(), library, featureKeys(on),
                    announcer));
        }
        this.host = config.enabled(Feature.HOST_LOOPS) ? List.copyOf(host) : List.of();
        this.weaver = new FutureTask<>(() -> new Weaver(enabled, this.host, announcers));
    }

    /** For each class woven, the features in force for it, as the prepared class files are keyed. */
    static Map<String, String> featureKeys(List<ClassInstrumentation> instrumentations) {
        Map<String, List<String>> names = new HashMap<>();
        for (ClassInstrumentation instrumentation : instrumentations) {
            names.computeIfAbsent(instrumentation.type(), t -> new ArrayList<>())
                    .add(instrumentation.feature().featureName());
        }
        Map<String, String> keys = new HashMap<>();
        names.forEach((type, features) -> keys.put(type, PreparedClasses.featureKey(features)));
        return keys;
    }

    /**
     * At premain, as early as the configuration allows: builds the weaver on a thread of its own from now on, while
     * the JVM and the application start, and then weaves the system class path's SDK ahead.
     */
    public void prepareInBackground() {
        if (nothingToWeave()) {
            return;
        }
        preparingInBackground = true;
        // A daemon, like every thread of the agent: it must never keep a JVM alive. A JVM that ends before it is
        // done never loaded an SDK class (that would have waited for it), so it missed nothing.
        AgentThreads.newThread(this::prepare, "mcp-guard-weaver").start();
    }

    /**
     * Registers the transformer and retransforms the woven classes already loaded (after an attach, or when another
     * agent loaded the SDK first).
     */
    public void install(Instrumentation instrumentation)
            throws InterruptedException, ExecutionException {
        if (nothingToWeave()) {
            return;
        }
        instrumentation.addTransformer(transformer(), true);
        List<Class<?>> loaded = loaded(instrumentation, internalNames());
        if (!loaded.isEmpty()) {
            retransform(instrumentation, loaded);
        }
    }

    /** The transformer of the enabled instrumentations, not registered. */
    GuardTransformer transformer() {
        return new GuardTransformer(internalNames(), this::prepared, weaver);
    }

    /** The class file woven at build time for the library of {@code typeName}, or null. */
    private byte[] prepared(ClassLoader loader, String typeName, byte[] classFile) {
        for (PreparedClasses library : prepared.values()) {
            byte[] woven = library.weave(loader, typeName, classFile);
            if (woven != null) {
                return woven;
            }
        }
        return null;
    }

    /** Whether a class this installer weaves is loaded already. */
    public boolean anyLoaded(Instrumentation instrumentation) {
        return !loaded(instrumentation, internalNames()).isEmpty();
    }

    private Set<String> internalNames() {
        Set<String> internalNames = new HashSet<>();
        enabled.values().forEach(on -> on.forEach(i -> internalNames.add(i.type().replace('.', '/'))));
        host.forEach(i -> internalNames.add(i.type().replace('.', '/')));
        return internalNames;
    }

    private static List<Class<?>> loaded(Instrumentation instrumentation, Set<String> internalNames) {
        List<Class<?>> loaded = new ArrayList<>();
        if (internalNames.isEmpty()) {
            return loaded;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (internalNames.contains(type.getName().replace('.', '/')) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    /**
     * After the banner: says what the weaver found on the system class path (one WARN for an SDK the agent leaves
     * alone) and which declared host methods match nothing; after an attach, builds the weaver first if nothing
     * needed it yet.
     */
    public void finish() {
        if (nothingToWeave()) {
            return;
        }
        bannerPrinted.countDown();
        announcers.values().forEach(SupportAnnouncer::bannerPrinted);
        if (!preparingInBackground) {
            prepare();
        }
    }

    /**
     * Builds the weaver, unless every library on the system class path is a release prepared at build time, and,
     * while the application starts, weaves the system class path's libraries ahead; then, after the banner, reports.
     */
    private void prepare() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        List<InstrumentedLibrary> released = new ArrayList<>();
        List<InstrumentedLibrary> toCheck = new ArrayList<>();
        for (InstrumentedLibrary library : libraries) {
            if (library.visibleTo(system)) {
                (prepared.get(library).releaseOf(system) != null ? released : toCheck).add(library);
            }
        }
        // A release prepared at build time needs no Byte Buddy. With nothing on the system class path to check, the
        // weaver is built by the first class loader that loads a library later, unless premain read the
        // configuration itself: then its own thread builds it ahead all the same.
        boolean needed = !host.isEmpty() || !toCheck.isEmpty() || (preparingInBackground && released.isEmpty());
        Weaver built = null;
        Throwable failure = null;
        if (needed) {
            try {
                long start = System.nanoTime();
                weaver.run();
                built = weaver.get();
                long ready = System.nanoTime();
                if (preparingInBackground) {
                    // A prepared release's classes are served from the jar: weaving them ahead would be in vain.
                    built.preweave(toCheck);
                }
                GuardLog.debug("weaver ready in " + TimeUnit.NANOSECONDS.toMillis(ready - start)
                        + " ms, libraries woven ahead in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready)
                        + " ms");
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                GuardLog.debug("weaving ahead stopped", e);
            }
        }
        if (!awaitBanner()) {
            return;
        }
        for (InstrumentedLibrary library : released) {
            announcers.get(library).announceSupported(system);
        }
        if (failure != null) {
            GuardLog.warn("could not prepare the weaving (" + failure + "); library classes run unguarded");
            GuardLog.debug("weaver failure", failure);
            return;
        }
        if (built != null) {
            for (InstrumentedLibrary library : toCheck) {
                built.support(library).supports(system);
            }
        }
        host.forEach(instrumentation -> instrumentation.checkTargets(system));
    }

    /** Bounded: if the start failed before its banner, nothing is left waiting. */
    private boolean awaitBanner() {
        try {
            return bannerPrinted.await(BANNER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** For the banner: the library classes that were already loaded and were retransformed, or null if none were. */
    public String retransformation() {
        return retransformation;
    }

    /** The libraries the agent instruments, in the banner's order. */
    List<InstrumentedLibrary> libraries() {
        return libraries;
    }

    /**
     * What the reference check found of {@code library} on the system class path, once the weaver is built (after an
     * attach), or at once for a release prepared at build time.
     */
    ReferenceCheck.Verdict systemVerdict(InstrumentedLibrary library) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        // At premain the banner is printed while the libraries are being checked, and reads the same whichever ends
        // first.
        if (!preparingInBackground && library.visibleTo(system) && prepared.get(library).releaseOf(system) != null) {
            return new ReferenceCheck.Verdict(library.describe(system), null);
        }
        Weaver built = built();
        return built == null ? null : built.support(library).verdictFor(ClassLoader.getSystemClassLoader());
    }

    private boolean nothingToWeave() {
        return host.isEmpty() && enabled.values().stream().allMatch(List::isEmpty);
    }

    /** The weaver if it has been built (after an attach), else null. */
    private Weaver built() {
        if (!weaver.isDone()) {
            return null;
        }
        try {
            return weaver.get();
        } catch (ExecutionException | InterruptedException e) {
            return null;
        }
    }

    private void retransform(Instrumentation instrumentation, List<Class<?>> loaded)
            throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        // Byte Buddy after all: the JVM hands a retransformation the class file it reconstitutes from the loaded
        // class, which is rarely byte for byte the release's, so the prepared class files do not match it.
        weaver.run();
        weaver.get();
        int batches = 0;
        int failed = 0;
        for (int from = 0; from < loaded.size(); from += RETRANSFORM_BATCH) {
            if (batches++ > 0) {
                Thread.sleep(RETRANSFORM_PAUSE_MILLIS);
            }
            List<Class<?>> batch = loaded.subList(from, Math.min(loaded.size(), from + RETRANSFORM_BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
            } catch (Exception | LinkageError e) {
                failed += batch.size();
                GuardLog.warn("could not retransform " + batch + " (" + e + "); those classes run unguarded");
            }
        }
        String names = loaded.stream().map(Class::getSimpleName).distinct().sorted()
                .collect(Collectors.joining(", "));
        retransformation = loaded.size() + " " + libraryNames(loaded) + " class" + (loaded.size() == 1 ? "" : "es")
                + " loaded before the start (" + names + ") in " + batches + " batch" + (batches == 1 ? "" : "es")
                + (failed > 0 ? ", " + failed + " failed" : "") + "; installing took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }

    /** The libraries the retransformed classes belong to, as log lines name them (e.g. {@code SDK}). */
    private String libraryNames(List<Class<?>> loaded) {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<InstrumentedLibrary, List<ClassInstrumentation>> library : enabled.entrySet()) {
            for (Class<?> type : loaded) {
                if (library.getValue().stream().anyMatch(i -> i.type().equals(type.getName()))) {
                    names.add(library.getKey().name());
                }
            }
        }
        return String.join(" and ", names);
    }
}
