package dev.mcpguard.agent.install;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members a library's names class declares ({@code Sdk}, {@code LangChain4j}), and what its instrumentations
 * register with the reference check: every declared member must be registered, so that a library version that lacks
 * one is left alone rather than half guarded.
 */
public final class DeclaredMembers {

    private DeclaredMembers() {
    }

    public static List<LibraryMember> declared(Class<?> names) throws IllegalAccessException {
        List<LibraryMember> members = new ArrayList<>();
        for (Field field : names.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Object value = field.get(null);
            if (value instanceof LibraryMember) {
                members.add((LibraryMember) value);
            } else if (value instanceof LibraryMember[]) {
                members.addAll(List.of((LibraryMember[]) value));
            }
        }
        return members;
    }

    /** The declared members of {@code names} that none of {@code library}'s instrumentations registers. */
    public static List<String> unregistered(Class<?> names, InstrumentedLibrary library)
            throws IllegalAccessException {
        Set<String> registered = new TreeSet<>();
        for (ClassInstrumentation instrumentation : library.instrumentations()) {
            for (Reference reference : instrumentation.references()) {
                registered.add(reference.toString());
            }
        }
        List<String> unregistered = new ArrayList<>();
        for (LibraryMember member : declared(names)) {
            if (!registered.contains(member.reference().toString())) {
                unregistered.add(member.toString());
            }
        }
        return unregistered;
    }
}
