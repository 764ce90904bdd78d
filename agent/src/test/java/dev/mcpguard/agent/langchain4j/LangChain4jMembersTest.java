package dev.mcpguard.agent.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.DeclaredMembers;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.install.Reference;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * Everything the agent reads of LangChain4j's MCP client or weaves into it is declared in {@link LangChain4j} and
 * registered with the reference check, and the build's LangChain4j has all of it.
 */
class LangChain4jMembersTest {

    private final TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));

    @Test
    void everyDeclaredMemberIsRegisteredWithTheReferenceCheck() throws IllegalAccessException {
        assertEquals(List.of(), DeclaredMembers.unregistered(LangChain4j.class, new LangChain4jMcp()),
                "declared in LangChain4j but checked by no instrumentation");
    }

    @Test
    void theBuildsLangChain4jHasEveryDeclaredMember() throws IllegalAccessException {
        List<LibraryMember> declared = DeclaredMembers.declared(LangChain4j.class);
        for (LibraryMember member : declared) {
            assertNull(member.reference().findMissing(pool), member::toString);
        }
        assertTrue(declared.size() >= 8);
    }

    @Test
    void everyInstrumentationFindsWhatItNeedsInTheBuildsLangChain4j() {
        for (ClassInstrumentation instrumentation : new LangChain4jMcp().instrumentations()) {
            for (Reference reference : instrumentation.references()) {
                assertNull(reference.findMissing(pool), instrumentation.target());
            }
        }
    }

    @Test
    void namesTheLibraryWithItsVersionFromItsJar() {
        LangChain4jMcp library = new LangChain4jMcp();
        ClassLoader loader = getClass().getClassLoader();
        assertTrue(library.visibleTo(loader));
        assertTrue(library.describe(loader).matches("dev\\.langchain4j:langchain4j-mcp \\d+\\.\\d+\\.\\d+.*"),
                library.describe(loader));
    }
}
