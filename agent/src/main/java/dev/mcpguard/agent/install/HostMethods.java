package dev.mcpguard.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.mcpguard.agent.log.GuardLog;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/** The host methods named in {@code mcp.guard.reconnect.methods}, grouped by class; every overload is covered. */
final class HostMethods {

    private final Map<String, Set<String>> methodsByType = new LinkedHashMap<>();

    HostMethods(List<String> names) {
        for (String name : names) {
            int hash = name.indexOf('#');
            methodsByType.computeIfAbsent(name.substring(0, hash), t -> new LinkedHashSet<>())
                    .add(name.substring(hash + 1));
        }
    }

    boolean isEmpty() {
        return methodsByType.isEmpty();
    }

    Set<String> typeNames() {
        return methodsByType.keySet();
    }

    ElementMatcher.Junction<MethodDescription> methodsOf(String type) {
        return isMethod().and(not(isAbstract()))
                .and(namedOneOf(methodsByType.get(type).toArray(String[]::new)));
    }

    /**
     * One WARN per name that matches nothing on the system class path. A class that another class loader loads
     * later is still woven then; the WARN says so rather than guess.
     */
    void warnAboutUnmatched(ClassLoader loader) {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        methodsByType.forEach((type, methods) -> {
            TypePool.Resolution resolution = pool.describe(type);
            for (String method : methods) {
                String name = type + "#" + method;
                if (!resolution.isResolved()) {
                    GuardLog.warn("mcp.guard.reconnect.methods: " + name + " matches nothing: no class " + type
                            + " on the system class path (a class loaded later by another class loader is still "
                            + "woven)");
                } else if (resolution.resolve().getDeclaredMethods().filter(named(method)).isEmpty()) {
                    GuardLog.warn("mcp.guard.reconnect.methods: " + name + " matches nothing: " + type
                            + " has no method " + method);
                }
            }
        });
        pool.clear();
    }
}
