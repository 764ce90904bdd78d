package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.GuardCounters;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The agent's one class file transformer. The JVM calls it for every class it loads, so it answers with a set
 * lookup and nothing else for all but the handful of classes the agent weaves. For those it first asks the class
 * files prepared at build time, which need no Byte Buddy; only a class file they do not know waits for the weaver:
 * built in the background from premain on, or here, by the first thread that needs it, if nobody started it
 * ({@link FutureTask} runs the work once, whoever comes first). A class that cannot be woven is left as it is.
 */
final class GuardTransformer implements ClassFileTransformer {

    private final Set<String> internalNames;
    private final ClassWeaver prepared;
    private final FutureTask<? extends ClassWeaver> weaver;

    GuardTransformer(Set<String> internalNames, FutureTask<? extends ClassWeaver> weaver) {
        this(internalNames, (loader, typeName, classFile) -> null, weaver);
    }

    /** @param prepared answers the class files it knows woven, null for the others */
    GuardTransformer(Set<String> internalNames, ClassWeaver prepared, FutureTask<? extends ClassWeaver> weaver) {
        this.internalNames = Set.copyOf(internalNames);
        this.prepared = prepared;
        this.weaver = weaver;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || loader == null || !internalNames.contains(internalName)) {
            return null;
        }
        String typeName = internalName.replace('/', '.');
        try {
            byte[] ready = prepared.weave(loader, typeName, classFile);
            return ready != null ? ready : weaver().weave(loader, typeName, classFile);
        } catch (Throwable error) {
            GuardCounters.increment(GuardCounters.INSTRUMENTATION_ERRORS);
            GuardLog.warn("could not instrument " + typeName + " in " + loader + " (" + error
                    + "); that class runs unguarded");
            GuardLog.debug("instrumentation failure of " + typeName, error);
            return null;
        }
    }

    ClassWeaver weaver() throws ExecutionException {
        boolean waiting = !weaver.isDone();
        long start = System.nanoTime();
        weaver.run();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    ClassWeaver ready = weaver.get();
                    if (waiting) {
                        GuardLog.debug(Thread.currentThread().getName() + " waited "
                                + (System.nanoTime() - start) / 1_000_000 + " ms for the weaver");
                    }
                    return ready;
                } catch (InterruptedException e) {
                    // A class load must not fail because its thread was interrupted; the flag is kept for the host.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
