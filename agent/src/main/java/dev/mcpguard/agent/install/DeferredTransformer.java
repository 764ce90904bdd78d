package dev.mcpguard.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * At premain, the transformer registered before the configuration is read, so that the host's main thread does not
 * wait for it: a class of the library that loads before the rest of the start has run ({@link StartGate}) waits for
 * it, then goes to the transformer the configuration asks for, or to none if the agent turned out disabled. Every
 * other class passes with a prefix test. Host classes are not seen here: a configuration that declares reconnect
 * methods is read on the main thread ({@code EarlyNeeds}).
 */
public final class DeferredTransformer implements ClassFileTransformer {

    private final String internalPrefix;
    private volatile StartGate started;
    private volatile GuardTransformer target;

    public DeferredTransformer(InstrumentedLibrary library) {
        this.internalPrefix = library.packagePrefix().replace('.', '/');
    }

    /** Whether a class of the library is loaded already: then the start cannot be deferred. */
    public static boolean anyLoaded(Instrumentation instrumentation, InstrumentedLibrary library) {
        String prefix = library.packagePrefix();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getName().startsWith(prefix)) {
                return true;
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

    /** Called by the rest of the start, before it opens the gate. */
    public void delegateTo(Installer installer) {
        target = installer.transformer(StartGate.opened());
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || loader == null || !internalName.startsWith(internalPrefix)
                || !started.awaitOpen()) {
            return null;
        }
        GuardTransformer to = target;
        return to == null ? null : to.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
