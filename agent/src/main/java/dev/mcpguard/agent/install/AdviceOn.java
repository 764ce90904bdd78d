package dev.mcpguard.agent.install;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One advice class and the methods of the instrumented SDK class it is woven into. */
public record AdviceOn(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {

    public static AdviceOn of(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        return new AdviceOn(methods, advice);
    }
}
