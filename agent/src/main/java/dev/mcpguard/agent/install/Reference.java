package dev.mcpguard.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * A class, method or field of the SDK that an instrumentation relies on. Checked against a class loader's copy of
 * the SDK before anything is woven into it, by reading class files only (nothing is loaded or initialised).
 */
public final class Reference {

    private final String typeName;
    private final String member;
    private final ElementMatcher<? super MethodDescription> method;
    private final String fieldName;
    /** When set, the reference holds trivially for a library without this class: it belongs to a later line. */
    private final String lineMarker;

    private Reference(String typeName, String member, ElementMatcher<? super MethodDescription> method,
            String fieldName) {
        this(typeName, member, method, fieldName, null);
    }

    private Reference(String typeName, String member, ElementMatcher<? super MethodDescription> method,
            String fieldName, String lineMarker) {
        this.typeName = typeName;
        this.member = member;
        this.method = method;
        this.fieldName = fieldName;
        this.lineMarker = lineMarker;
    }

    /**
     * The same reference, required only of a library that has class {@code marker}, the mark of the line that
     * brought the member: an older line lacks it without being unsupported, and the advice then matches nothing.
     */
    public Reference onLinesWith(String marker) {
        return new Reference(typeName, member, method, fieldName, marker);
    }

    public static Reference type(String typeName) {
        return new Reference(typeName, null, null, null);
    }

    /** A method found by the same matcher the advice is applied with, so the check and the weaving agree. */
    public static Reference method(String typeName, String signature,
            ElementMatcher<? super MethodDescription> matcher) {
        return new Reference(typeName, signature, matcher, null);
    }

    public static Reference field(String typeName, String fieldName) {
        return new Reference(typeName, fieldName, null, fieldName);
    }

    /** Returns what is missing from the SDK seen through {@code pool}, or null when the reference holds. */
    public String findMissing(TypePool pool) {
        if (lineMarker != null && !pool.describe(lineMarker).isResolved()) {
            return null;
        }
        TypePool.Resolution resolution = pool.describe(typeName);
        if (!resolution.isResolved()) {
            return "class " + typeName;
        }
        TypeDescription type = resolution.resolve();
        if (method != null && type.getDeclaredMethods().filter(method).isEmpty()) {
            return "method " + typeName + "#" + member;
        }
        if (fieldName != null && type.getDeclaredFields().filter(named(fieldName)).isEmpty()) {
            return "field " + typeName + "#" + fieldName;
        }
        return null;
    }

    /** {@code type}, {@code type#field} or {@code type#method(...)}: what the check looks for. */
    @Override
    public String toString() {
        return member == null ? typeName : typeName + "#" + member;
    }
}
