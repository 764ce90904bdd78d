package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcpguard.agent.langchain4j.LangChain4jMcp;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The version check on real LangChain4j lines (their jars copied to target/langchain4j-lines by the build): the
 * lines from 1.6 on have everything the agent weaves and reads; 1.0, which has neither a health check nor a
 * reconnection of its own, is left alone as a whole, and the WARN names the version and the first thing it lacks.
 */
class LangChain4jVersionsTest {

    private static final Path LINES = Path.of("target", "langchain4j-lines");

    @ParameterizedTest
    @ValueSource(strings = {"1.6.0-beta12", "1.10.0-beta18"})
    void acceptsTheLinesFrom16On(String version) throws Exception {
        ReferenceCheck.Verdict verdict = verdict(version);
        assertNull(verdict.missing(), verdict::toString);
        assertEquals("dev.langchain4j:langchain4j-mcp " + version, verdict.library());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0-beta4"})
    void leavesOlderLinesAlone(String version) throws Exception {
        ReferenceCheck.Verdict verdict = verdict(version);
        // 1.0 lacks the Streamable HTTP transport, the health check and triggerReconnection(): the first is named.
        assertEquals("class dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport", verdict.missing());
        assertEquals("dev.langchain4j:langchain4j-mcp " + version, verdict.library());
    }

    private static ReferenceCheck.Verdict verdict(String version) throws Exception {
        LangChain4jMcp library = new LangChain4jMcp();
        List<Reference> references = new ArrayList<>();
        library.instrumentations().forEach(i -> references.addAll(i.references()));
        URL jar = LINES.resolve("langchain4j-mcp-" + version + ".jar").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, null)) {
            return new ReferenceCheck(library, references).verdictFor(loader);
        }
    }
}
