package dev.mcpguard.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reconnect.ReconnectAttemptAdvice;
import dev.mcpguard.bootstrap.AdviceErrors;
import dev.mcpguard.bootstrap.GuardCounters;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Wires the enabled instrumentations into one Byte Buddy agent. Everything here serves two promises: the same
 * transformation works at premain and after attach (method bodies only, retransformation), and nothing woven can
 * throw into the host (every advice's throwables go to {@link AdviceErrors}).
 */
public final class Installer {

    private static final String SDK_PACKAGE = "io.modelcontextprotocol.";
    /** Byte Buddy's {@code Nexus.PROPERTY}, relocated with it, so it is ours alone. */
    private static final String NEXUS_DISABLED = net.bytebuddy.dynamic.Nexus.PROPERTY;

    private final List<SdkInstrumentation> instrumentations;
    private final GuardConfig config;
    /**
     * SDK classes loaded before the agent (after an attach) are retransformed in batches with a pause between them,
     * as the Elastic agent does, so that no single stop of the application is long. The agent weaves a handful of
     * SDK classes per class loader, so this is one short batch unless many loaders hold an SDK.
     */
    private static final int RETRANSFORM_BATCH = 8;
    private static final long RETRANSFORM_PAUSE_MILLIS = 20;

    private final Retransformation retransformation = new Retransformation();
    private SdkSupport support;

    public Installer(List<SdkInstrumentation> instrumentations, GuardConfig config) {
        this.instrumentations = List.copyOf(instrumentations);
        this.config = config;
    }

    public void install(Instrumentation instrumentation, ClassLoader adviceLoader) throws NoSuchMethodException {
        List<SdkInstrumentation> enabled = enabled();
        List<SdkReference> references = new ArrayList<>();
        enabled.forEach(i -> references.addAll(i.references()));
        support = new SdkSupport(references);
        HostMethods hostMethods = config.enabled(Feature.HOST_LOOPS)
                ? new HostMethods(config.get(Settings.RECONNECT_METHODS)) : new HostMethods(List.of());
        if (enabled.isEmpty() && hostMethods.isEmpty()) {
            return;
        }
        // The agent never injects classes (disableClassFormatChanges), so Byte Buddy's Nexus is not needed; left on,
        // probing for it touches sun.misc.Unsafe, which JDK 24+ reports on the host's standard error.
        System.setProperty(NEXUS_DISABLED, "true");
        Advice.ExceptionHandler toAdviceErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(AdviceErrors.class.getMethod("record", Throwable.class))));
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORM_BATCH))
                .with(new AgentBuilder.RedefinitionStrategy.Listener.Compound(
                        AgentBuilder.RedefinitionStrategy.Listener.Pausing.of(RETRANSFORM_PAUSE_MILLIS,
                                TimeUnit.MILLISECONDS),
                        retransformation))
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new Listener())
                // Narrower than Byte Buddy's default: only SDK classes and declared host classes are looked at.
                .ignore(not(nameStartsWith(SDK_PACKAGE).or(hostMethods.types())));
        for (SdkInstrumentation sdkInstrumentation : enabled) {
            AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                    .include(adviceLoader)
                    .withExceptionHandler(toAdviceErrors);
            builder = builder.type(new SupportedSdkType(sdkInstrumentation.types(), support))
                    .transform(sdkInstrumentation.advise(advice));
        }
        for (String type : hostMethods.typeNames()) {
            builder = builder.type(named(type)).transform(new AgentBuilder.Transformer.ForAdvice()
                    .include(adviceLoader)
                    .withExceptionHandler(toAdviceErrors)
                    .advice(hostMethods.methodsOf(type), ReconnectAttemptAdvice.class.getName()));
        }
        long start = System.nanoTime();
        builder.installOn(instrumentation);
        retransformation.tookNanos(System.nanoTime() - start);
        hostMethods.warnAboutUnmatched(ClassLoader.getSystemClassLoader());
    }

    /** For the banner: the SDK classes that were already loaded and were retransformed, or null if none were. */
    public String retransformation() {
        return retransformation.describe();
    }

    /** For the banner: what each instrumentation does here, or why it does not. */
    public List<String> statuses() {
        List<String> statuses = new ArrayList<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (SdkInstrumentation instrumentation : instrumentations) {
            String status;
            if (!config.enabled(instrumentation.feature())) {
                var setting = Settings.enabled(instrumentation.feature());
                status = "skipped: " + setting.key() + "=false (" + config.origin(setting) + ")";
            } else if (SdkVersion.visibleTo(system)) {
                SdkSupport.Verdict verdict = support.verdictFor(system);
                status = verdict.supported() ? "applied" : "skipped: the SDK lacks " + verdict.missing();
            } else {
                status = "installed; applies when a class loader loads a supported SDK";
            }
            statuses.add(instrumentation.feature().featureName() + ": " + status + " [" + instrumentation.target()
                    + "]");
        }
        List<String> hostMethods = config.get(Settings.RECONNECT_METHODS);
        if (!config.enabled(Feature.HOST_LOOPS)) {
            var setting = Settings.enabled(Feature.HOST_LOOPS);
            statuses.add("host-loops: skipped: " + setting.key() + "=false (" + config.origin(setting) + ")");
        } else if (hostMethods.isEmpty()) {
            statuses.add("host-loops: none declared (" + Settings.RECONNECT_METHODS.key() + ")");
        } else {
            statuses.add("host-loops: applied [" + String.join(", ", hostMethods) + "]");
        }
        return statuses;
    }

    /** Announces the system class path's SDK verdict (the WARN of an unsupported one) after the banner. */
    public void announceSystemClassPath() {
        if (support != null && SdkVersion.visibleTo(ClassLoader.getSystemClassLoader())) {
            support.supports(ClassLoader.getSystemClassLoader());
        }
    }

    private List<SdkInstrumentation> enabled() {
        List<SdkInstrumentation> enabled = new ArrayList<>();
        for (SdkInstrumentation instrumentation : instrumentations) {
            if (config.enabled(instrumentation.feature())) {
                enabled.add(instrumentation);
            }
        }
        return enabled;
    }

    /** A type the instrumentation names, in a class loader whose SDK passed the reference check. */
    private static final class SupportedSdkType implements AgentBuilder.RawMatcher {
        private final ElementMatcher<? super TypeDescription> types;
        private final SdkSupport support;

        SupportedSdkType(ElementMatcher<? super TypeDescription> types, SdkSupport support) {
            this.types = types;
            this.support = support;
        }

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module,
                Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
            return types.matches(type) && support.supports(loader);
        }
    }

    /** Counts what retransformation did to classes loaded before the start, for the banner. */
    private static final class Retransformation extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {
        private volatile List<Class<?>> types = List.of();
        private volatile int batches;
        private volatile int failed;
        private volatile long nanos;

        @Override
        public void onComplete(int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {
            this.types = List.copyOf(types);
            this.batches = amount;
            failures.keySet().forEach(batch -> failed += batch.size());
        }

        void tookNanos(long elapsed) {
            nanos = elapsed;
        }

        String describe() {
            if (types.isEmpty()) {
                return null;
            }
            String names = types.stream().map(Class::getSimpleName).distinct().sorted()
                    .collect(Collectors.joining(", "));
            return types.size() + " SDK class" + (types.size() == 1 ? "" : "es") + " loaded before the start ("
                    + names + ") in " + batches + " batch" + (batches == 1 ? "" : "es")
                    + (failed > 0 ? ", " + failed + " failed" : "") + "; installing took "
                    + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
        }
    }

    private final class Listener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            GuardLog.debug("instrumented " + type.getName() + " in " + loader);
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable error) {
            GuardCounters.increment("instrumentation.errors");
            GuardLog.warn("could not instrument " + typeName + " in " + loader + " (" + error
                    + "); that class runs unguarded");
            GuardLog.debug("instrumentation failure of " + typeName, error);
        }
    }
}
