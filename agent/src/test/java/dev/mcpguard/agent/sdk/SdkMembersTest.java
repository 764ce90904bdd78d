package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.install.DeclaredMembers;
import dev.mcpguard.agent.install.LibraryMember;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * Everything the agent reads of the SDK or weaves into it is a {@link LibraryMember} declared in {@link Sdk} (no
 * other code can read an SDK field: there is no other way in), and every declared member is registered with the
 * reference check by an instrumentation, so that an SDK that lacks one is left alone rather than half guarded.
 */
class SdkMembersTest {

    @Test
    void everyDeclaredMemberIsRegisteredWithTheReferenceCheck() throws IllegalAccessException {
        assertEquals(List.of(), DeclaredMembers.unregistered(Sdk.class, new McpSdk()),
                "declared in Sdk but checked by no instrumentation");
    }

    /** The build's SDK has every declared member: the declarations are the SDK's real names. */
    @Test
    void theBuildsSdkHasEveryDeclaredMember() throws IllegalAccessException {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        List<LibraryMember> declared = DeclaredMembers.declared(Sdk.class);
        for (LibraryMember member : declared) {
            assertNull(member.reference().findMissing(pool), member::toString);
        }
        assertTrue(declared.size() > 20);
    }
}
