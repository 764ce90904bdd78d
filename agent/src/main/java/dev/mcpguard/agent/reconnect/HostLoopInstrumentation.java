package dev.mcpguard.agent.reconnect;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.Reference;
import dev.mcpguard.agent.log.GuardLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * The host's own reconnect attempts, {@code mcp.guard.reconnect.methods}: one instrumentation per declared class,
 * woven on the same track as a library's, every overload of each named method covered. A host class is the host's
 * own, so there is no library version to check it against; a name that matches nothing is one WARN instead.
 */
public final class HostLoopInstrumentation extends ClassInstrumentation {

    private final Set<String> methods;

    private HostLoopInstrumentation(String type, Set<String> methods) {
        super(Feature.HOST_LOOPS, type, type + "#" + String.join(", ", methods));
        this.methods = methods;
    }

    /** One instrumentation per class of the declared {@code Class#method} names. */
    public static List<ClassInstrumentation> declared(List<String> names) {
        Map<String, Set<String>> methodsByType = new LinkedHashMap<>();
        for (String name : names) {
            int hash = name.indexOf('#');
            methodsByType.computeIfAbsent(name.substring(0, hash), t -> new LinkedHashSet<>())
                    .add(name.substring(hash + 1));
        }
        List<ClassInstrumentation> instrumentations = new ArrayList<>();
        methodsByType.forEach((type, methods) -> instrumentations.add(new HostLoopInstrumentation(type, methods)));
        return instrumentations;
    }

    @Override
    public List<Reference> references() {
        return List.of();
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(isMethod().and(not(isAbstract())).and(namedOneOf(methods.toArray(String[]::new))),
                ReconnectAttemptAdvice.class));
    }

    /**
     * One WARN per name that matches nothing on the system class path. A class that another class loader loads
     * later is still woven then; the WARN says so rather than guess.
     */
    @Override
    public void checkTargets(ClassLoader loader) {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        try {
            TypePool.Resolution resolution = pool.describe(type());
            for (String method : methods) {
                String name = type() + "#" + method;
                if (!resolution.isResolved()) {
                    GuardLog.warn("mcp.guard.reconnect.methods: " + name + " matches nothing: no class " + type()
                            + " on the system class path (a class loaded later by another class loader is still "
                            + "woven)");
                } else if (resolution.resolve().getDeclaredMethods().filter(named(method)).isEmpty()) {
                    GuardLog.warn("mcp.guard.reconnect.methods: " + name + " matches nothing: " + type()
                            + " has no method " + method);
                }
            }
        } finally {
            pool.clear();
        }
    }
}
