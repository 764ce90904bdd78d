package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.bootstrap.AdviceErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the advice into a class file with Byte Buddy, decorating only: method bodies change, nothing is added,
 * so the same weaving serves a class being loaded and one being retransformed after an attach. Every advice's
 * throwables go to {@link AdviceErrors}, never to the host.
 *
 * <p>The library classes on the system class path are woven ahead ({@link #preweave}), on the thread that built the
 * weaver, so that the application's own threads find them done when they load them: the result is only used for
 * exactly the bytes it was made from.
 */
final class Weaver implements ClassWeaver {

    /** Byte Buddy's {@code Nexus.PROPERTY}, relocated with it, so it is ours alone. */
    private static final String NEXUS_DISABLED = net.bytebuddy.dynamic.Nexus.PROPERTY;

    private record Preweaved(byte[] original, byte[] woven) {
    }

    /** Left in place of a class that was loaded before it was woven ahead, so that it is not woven ahead in vain. */
    private static final Preweaved LOADED = new Preweaved(new byte[0], new byte[0]);

    /** One library's advice by the class it weaves, and its own reference check. */
    private record Woven(ReferenceCheck support, Map<String, List<AsmVisitorWrapper>> advice) {
    }

    private final ByteBuddy byteBuddy;
    /** Each library's weaving, by every class name it weaves. */
    private final Map<String, Woven> libraryOf = new LinkedHashMap<>();
    private final Map<InstrumentedLibrary, Woven> libraries = new LinkedHashMap<>();
    private final Map<String, List<AsmVisitorWrapper>> hostAdvice = new LinkedHashMap<>();
    private final Map<String, Preweaved> preweaved = new ConcurrentHashMap<>();
    private final ClassLoader system = ClassLoader.getSystemClassLoader();

    /**
     * @param instrumentations each library's enabled instrumentations, woven where that library's references hold
     * @param host the host's own classes' instrumentations, woven wherever the class is
     * @param announcers each library's, shared with its prepared class files so that a class loader is said once
     */
    Weaver(Map<InstrumentedLibrary, List<ClassInstrumentation>> instrumentations, List<ClassInstrumentation> host,
            Map<InstrumentedLibrary, SupportAnnouncer> announcers) throws NoSuchMethodException {
        // The agent never injects classes, so Byte Buddy's Nexus is not needed; left on, probing for it touches
        // sun.misc.Unsafe, which JDK 24+ reports on the host's standard error.
        System.setProperty(NEXUS_DISABLED, "true");
        this.byteBuddy = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
        Advice.ExceptionHandler toAdviceErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(AdviceErrors.class.getMethod("record", Throwable.class))));
        // Advice classes described from their class files: described by reflection, each of their annotations
        // would cost the JVM a generated proxy class.
        ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
        TypePool advicePool = TypePool.Default.of(agentClasses);
        instrumentations.forEach((library, enabled) -> {
            List<Reference> references = new ArrayList<>();
            enabled.forEach(i -> references.addAll(i.references()));
            Woven woven = new Woven(new ReferenceCheck(library, references, announcers.get(library)),
                    new LinkedHashMap<>());
            addAdvice(enabled, woven.advice(), advicePool, agentClasses, toAdviceErrors);
            libraries.put(library, woven);
            woven.advice().keySet().forEach(type -> libraryOf.put(type, woven));
        });
        addAdvice(host, hostAdvice, advicePool, agentClasses, toAdviceErrors);
    }

    private static void addAdvice(List<ClassInstrumentation> instrumentations,
            Map<String, List<AsmVisitorWrapper>> byType, TypePool advicePool, ClassFileLocator agentClasses,
            Advice.ExceptionHandler toAdviceErrors) {
        for (ClassInstrumentation instrumentation : instrumentations) {
            for (AdviceOn advice : instrumentation.advice()) {
                byType.computeIfAbsent(instrumentation.type(), t -> new ArrayList<>())
                        .add(Advice.to(advicePool.describe(advice.advice().getName()).resolve(), agentClasses)
                                .withExceptionHandler(toAdviceErrors).on(advice.methods()));
            }
        }
    }

    /** Whether each class loader's copy of {@code library} has what its instrumentations rely on; null if none. */
    ReferenceCheck support(InstrumentedLibrary library) {
        Woven woven = libraries.get(library);
        return woven == null ? null : woven.support();
    }

    @Override
    public byte[] weave(ClassLoader loader, String typeName, byte[] classFile) {
        Woven library = libraryOf.get(typeName);
        List<AsmVisitorWrapper> advice;
        if (library != null) {
            advice = library.advice().get(typeName);
            ReferenceCheck support = library.support();
            if (loader == system) {
                Preweaved done = preweaved.put(typeName, LOADED);
                if (done != null && done != LOADED && Arrays.equals(done.original(), classFile)) {
                    support.supports(loader);
                    GuardLog.debug("instrumented " + typeName + " in " + loader + " (woven ahead)");
                    return done.woven();
                }
            }
            if (!support.supports(loader)) {
                return null;
            }
        } else {
            advice = hostAdvice.get(typeName);
            if (advice == null) {
                return null;
            }
        }
        byte[] woven = weave(loader, typeName, classFile, advice);
        GuardLog.debug("instrumented " + typeName + " in " + loader);
        return woven;
    }

    /**
     * Weaves the classes of {@code only} the system class loader holds, ahead of their loading, for each library it
     * holds a supported version of. Reads their class files as resources: nothing is loaded or initialised.
     */
    void preweave(List<InstrumentedLibrary> only) {
        libraries.forEach((library, woven) -> {
            if (only.contains(library) && library.visibleTo(system)
                    && woven.support().verdictFor(system).supported()) {
                preweave(woven.advice());
            }
        });
    }

    private void preweave(Map<String, List<AsmVisitorWrapper>> libraryAdvice) {
        ClassLoader loader = system;
        libraryAdvice.forEach((typeName, advice) -> {
            if (preweaved.containsKey(typeName)) {
                return;
            }
            byte[] original = classFile(loader, typeName);
            if (original != null) {
                try {
                    preweaved.putIfAbsent(typeName,
                            new Preweaved(original, weave(loader, typeName, original, advice)));
                } catch (RuntimeException | LinkageError e) {
                    // Woven again, and reported, when the class is really loaded.
                    GuardLog.debug("could not weave " + typeName + " ahead", e);
                }
            }
        });
    }

    private byte[] weave(ClassLoader loader, String typeName, byte[] classFile, List<AsmVisitorWrapper> advice) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(typeName, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(typeName).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        for (AsmVisitorWrapper wrapper : advice) {
            builder = builder.visit(wrapper);
        }
        return builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
    }

    private static byte[] classFile(ClassLoader loader, String typeName) {
        try (InputStream in = loader.getResourceAsStream(typeName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
