package dev.mcpguard.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * At premain, the transformer registered before the configuration is read, so that the host's main thread does not
 * wait for it: a class of an instrumented library that loads before the start knows what to weave
 * ({@link StartGate#weavingKnown}) waits for it, then goes to the transformer the configuration asks for, or to none
 * if the agent turned out disabled. Every other class passes with a prefix test. Host classes are not seen here: a configuration that declares reconnect
 * methods is read on the main thread ({@code EarlyNeeds}).
 */
public final class DeferredTransformer implements ClassFileTransformer {

    /** The libraries' packages, as class file names start; an array and loops, no lambda, for premain's sake. */
    private final String[] internalPrefixes;
    private volatile StartGate started;
    private volatile GuardTransformer target;

    public DeferredTransformer(List<InstrumentedLibrary> libraries) {
        this.internalPrefixes = new String[libraries.size()];
        for (int i = 0; i < internalPrefixes.length; i++) {
            internalPrefixes[i] = libraries.get(i).packagePrefix().replace('.', '/');
        }
    }

    /** Whether a class of one of the libraries is loaded already: then the start cannot be deferred. */
    public static boolean anyLoaded(Instrumentation instrumentation, List<InstrumentedLibrary> libraries) {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            for (InstrumentedLibrary library : libraries) {
                if (type.getName().startsWith(library.packagePrefix())) {
                    return true;
                }
            }
        }
        return false;
    }

    public void register(Instrumentation instrumentation, StartGate gate) {
        waitFor(gate);
        instrumentation.addTransformer(this, true);
    }

    void waitFor(StartGate gate) {
        this.started = gate;
    }

    /** Called by the rest of the start once the configuration asks for weaving: from now on, classes are woven. */
    public void delegateTo(Installer installer) {
        target = installer.transformer();
        started.weavingKnown();
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || loader == null || !ofALibrary(internalName)) {
            return null;
        }
        started.awaitWeaving();
        GuardTransformer to = target;
        return to == null ? null : to.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }

    private boolean ofALibrary(String internalName) {
        for (String prefix : internalPrefixes) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
