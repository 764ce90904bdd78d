package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.mcpguard.agent.install.LibraryMember;

import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * Everything the agent reads of the SDK or weaves into it is an {@link LibraryMember} declared in {@link Sdk} (no other
 * code can read an SDK field: there is no other way in), and every declared member is registered with the
 * reference check by an instrumentation, so that an SDK that lacks one is left alone rather than half guarded.
 */
class SdkMembersTest {

    private static List<LibraryMember> declared() throws IllegalAccessException {
        List<LibraryMember> members = new ArrayList<>();
        for (Field field : Sdk.class.getDeclaredFields()) {
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

    private static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        for (ClassInstrumentation instrumentation : new McpSdk().instrumentations()) {
            for (Reference reference : instrumentation.references()) {
                names.add(reference.toString());
            }
        }
        return names;
    }

    @Test
    void everyDeclaredMemberIsRegisteredWithTheReferenceCheck() throws IllegalAccessException {
        Set<String> registered = registered();
        List<String> unregistered = new ArrayList<>();
        for (LibraryMember member : declared()) {
            if (!registered.contains(member.reference().toString())) {
                unregistered.add(member.toString());
            }
        }
        assertEquals(List.of(), unregistered, "declared in Sdk but checked by no instrumentation");
    }

    /** The build's SDK has every declared member: the declarations are the SDK's real names. */
    @Test
    void theBuildsSdkHasEveryDeclaredMember() throws IllegalAccessException {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        for (LibraryMember member : declared()) {
            assertNull(member.reference().findMissing(pool), member::toString);
        }
        assertTrue(declared().size() > 20);
    }
}
