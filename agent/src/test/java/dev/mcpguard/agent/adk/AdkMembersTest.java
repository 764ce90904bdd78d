package dev.mcpguard.agent.adk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mcpguard.agent.install.DeclaredMembers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything the agent reads of Google ADK or weaves into it is declared in {@link Adk} and registered with the
 * reference check. ADK itself (with its own SDK line) is not on this module's class path: AdkIT runs against it.
 */
class AdkMembersTest {

    @Test
    void everyDeclaredMemberIsRegisteredWithTheReferenceCheck() throws IllegalAccessException {
        assertEquals(List.of(), DeclaredMembers.unregistered(Adk.class, new GoogleAdk()),
                "declared in Adk but checked by no instrumentation");
        assertFalse(DeclaredMembers.declared(Adk.class).isEmpty());
    }
}
