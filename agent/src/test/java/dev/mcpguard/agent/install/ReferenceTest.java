package dev.mcpguard.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcpguard.agent.AgentStarterAccess;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** The compile-time half of the version check: every reference holds against the SDK version under test. */
class ReferenceTest {

    private final TypePool sdk = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());

    @Test
    void everyInstrumentationFindsWhatItNeedsInTheSdkUnderTest() {
        for (ClassInstrumentation instrumentation : AgentStarterAccess.instrumentations()) {
            for (Reference reference : instrumentation.references()) {
                assertNull(reference.findMissing(sdk), instrumentation.target());
            }
        }
    }

    @Test
    void namesTheFirstMissingMember() {
        String client = "io.modelcontextprotocol.client.McpAsyncClient";
        assertEquals("class io.example.Nope", Reference.type("io.example.Nope").findMissing(sdk));
        assertEquals("field " + client + "#nope", Reference.field(client, "nope").findMissing(sdk));
        assertEquals("method " + client + "#nope()",
                Reference.method(client, "nope()", named("nope")).findMissing(sdk));
    }

    @Test
    void sdkSupportFailsClosedOnAnyMissingReference() {
        ReferenceCheck support = new ReferenceCheck(AgentStarterAccess.sdk(), java.util.List.of(
                Reference.type("io.modelcontextprotocol.client.McpAsyncClient"),
                Reference.type("io.modelcontextprotocol.client.Gone")));
        ReferenceCheck.Verdict verdict = support.verdictFor(ClassLoader.getSystemClassLoader());
        assertEquals("class io.modelcontextprotocol.client.Gone", verdict.missing());
        assertEquals(false, support.supports(ClassLoader.getSystemClassLoader()));
    }

    @Test
    void aMemberOfALaterLineIsRequiredOnlyWhereTheLinesMarkIs() {
        String client = "io.modelcontextprotocol.client.McpAsyncClient";
        Reference later = Reference.field(client, "nope");
        assertNull(later.onLinesWith("io.example.LaterLine").findMissing(sdk), "an older line lacks it, unsupported");
        assertEquals("field " + client + "#nope", later.onLinesWith(client).findMissing(sdk));
    }
}
