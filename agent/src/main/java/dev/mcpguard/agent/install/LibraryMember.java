package dev.mcpguard.agent.install;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * One member of an instrumented library's class that the agent weaves or reads, declared once in that library's
 * package (e.g. {@code sdk.Sdk}): the same declaration names it for the reference check, for the weaving and for
 * every reflective read, so a member the check did not see cannot be read. A read that fails (the library renamed it
 * after all, a module does not open its package) answers null, never throws into the host.
 */
public final class LibraryMember {

    /** A method's shape, as data: its matcher is built only when asked, so declaring it costs no Byte Buddy. */
    private record Shape(int arguments, String firstArgument, Class<?> returned, boolean namePrefix) {
    }

    /** How javac names the body of a lambda written in method {@code m}: {@code lambda$m$<n>}. */
    private static final String LAMBDA_PREFIX = "lambda$";

    private static final String CONSTRUCTOR = "<init>";

    private final String type;
    private final String name;
    private final Shape method;
    private final String signature;
    private final String lineMarker;

    private LibraryMember(String type, String name, Shape method, String signature) {
        this(type, name, method, signature, null);
    }

    private LibraryMember(String type, String name, Shape method, String signature, String lineMarker) {
        this.type = type;
        this.name = name;
        this.method = method;
        this.signature = signature;
        this.lineMarker = lineMarker;
    }

    /**
     * The same member, of the library line whose mark is class {@code marker}: a library without that class is not
     * required to have it (see {@link Reference#onLinesWith}); code that reads or calls it must expect it missing.
     */
    public LibraryMember onLinesWith(String marker) {
        return new LibraryMember(type, name, method, signature, marker);
    }

    public static LibraryMember field(String type, String name) {
        return new LibraryMember(type, name, null, null);
    }

    /**
     * A method by its name and number of arguments (-1: any number).
     *
     * @param signature how the check names it when it is missing, e.g. {@code connect(Function)}
     */
    public static LibraryMember method(String type, String signature, int arguments) {
        return method(type, signature, arguments, null, null);
    }

    /** The same, also by the type of its first argument (a binary name) and by what it returns (null: anything). */
    public static LibraryMember method(String type, String signature, int arguments, String firstArgument,
            Class<?> returned) {
        int paren = signature.indexOf('(');
        return new LibraryMember(type, paren < 0 ? signature : signature.substring(0, paren),
                new Shape(arguments, firstArgument, returned, false), signature);
    }

    /**
     * The body of the one lambda with a single {@code argument} that {@code enclosingMethod} creates: javac numbers
     * lambdas per class, so the number changes between releases while the shape stays.
     */
    public static LibraryMember lambda(String type, String enclosingMethod, String argument, String signature) {
        return lambda(type, enclosingMethod, 1, argument, null, signature);
    }

    /** As {@link #lambda(String, String, String, String)}, for a method that makes several such lambdas. */
    public static LibraryMember lambda(String type, String enclosingMethod, String argument, Class<?> returned,
            String signature) {
        return lambda(type, enclosingMethod, 1, argument, returned, signature);
    }

    /** The same for the one lambda of {@code enclosingMethod} with {@code arguments} arguments, the first of one type. */
    public static LibraryMember lambda(String type, String enclosingMethod, int arguments, String firstArgument,
            String signature) {
        return lambda(type, enclosingMethod, arguments, firstArgument, null, signature);
    }

    private static LibraryMember lambda(String type, String enclosingMethod, int arguments, String firstArgument,
            Class<?> returned, String signature) {
        return new LibraryMember(type, LAMBDA_PREFIX + enclosingMethod + "$",
                new Shape(arguments, firstArgument, returned, true), signature);
    }

    public static LibraryMember constructor(String type, String signature, String firstArgument) {
        return new LibraryMember(type, CONSTRUCTOR, new Shape(-1, firstArgument, null, false), signature);
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The methods this member stands for, as the advice is applied to them. */
    public ElementMatcher.Junction<MethodDescription> matcher() {
        ElementMatcher.Junction<MethodDescription> matcher = name.equals(CONSTRUCTOR)
                ? ElementMatchers.isConstructor()
                : method.namePrefix() ? ElementMatchers.nameStartsWith(name) : ElementMatchers.named(name);
        if (method.arguments() >= 0) {
            matcher = matcher.and(ElementMatchers.takesArguments(method.arguments()));
        }
        if (method.firstArgument() != null) {
            matcher = matcher.and(ElementMatchers.takesArgument(0, ElementMatchers.named(method.firstArgument())));
        }
        if (method.returned() != null) {
            matcher = matcher.and(ElementMatchers.returns(method.returned()));
        }
        return matcher;
    }

    /** What the reference check looks for before anything is woven into the library. */
    public Reference reference() {
        Reference reference = method != null ? Reference.method(type, signature, matcher()) : Reference.field(type, name);
        return lineMarker == null ? reference : reference.onLinesWith(lineMarker);
    }

    /** The field's value in {@code target}, or null when it cannot be read. */
    public Object read(Object target) {
        Field field = field(target);
        if (field == null) {
            return null;
        }
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Sets the field in {@code target}; false when it cannot be written. */
    public boolean write(Object target, Object value) {
        Field field = field(target);
        if (field == null) {
            return false;
        }
        try {
            field.set(target, value);
            return true;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Calls this method, without arguments, on {@code target}; what it throws is thrown as it is. */
    public Object invoke(Object target) throws Exception {
        Method m = target.getClass().getMethod(name);
        return unwrapped(() -> m.invoke(target));
    }

    /**
     * Calls this declared method (private ones too) on {@code target} with {@code arguments}, one per parameter;
     * what it throws is thrown as it is.
     */
    public Object invokeDeclared(Object target, Object... arguments) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == arguments.length) {
                    m.setAccessible(true);
                    return unwrapped(() -> m.invoke(target, arguments));
                }
            }
        }
        throw new NoSuchMethodException(toString());
    }

    /** A new instance of this constructor's type, seen from {@code loader}, with {@code arguments}. */
    public Object construct(ClassLoader loader, Object... arguments) throws Exception {
        for (java.lang.reflect.Constructor<?> c : Class.forName(type, false, loader).getDeclaredConstructors()) {
            if (c.getParameterCount() == arguments.length) {
                c.setAccessible(true);
                return unwrapped(() -> c.newInstance(arguments));
            }
        }
        throw new NoSuchMethodException(toString());
    }

    private interface ReflectiveCall {
        Object call() throws ReflectiveOperationException;
    }

    private static Object unwrapped(ReflectiveCall call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    private Field field(Object target) {
        if (target == null || method != null) {
            return null;
        }
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException inaccessible) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return type + "#" + (signature != null ? signature : name);
    }
}
