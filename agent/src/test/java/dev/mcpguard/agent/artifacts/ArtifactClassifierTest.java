package dev.mcpguard.agent.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.langchain4j.LangChain4jMcp;
import dev.mcpguard.agent.sdk.McpSdk;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

class ArtifactClassifierTest {

    private final ArtifactClassifier classifier = new ArtifactClassifier(
            Signatures.with(new McpSdk().teardownArtifacts(), List.of("BrokenPipe")));

    private static RuntimeException terminated() {
        return new RuntimeException("MCP session with server terminated");
    }

    private Verdict duringTeardown(Throwable error) {
        return classifier.classify(error, true, "2");
    }

    @Test
    void eachBuiltInSignatureIsAnArtifactDuringTeardown() {
        assertEquals("session-terminated", duringTeardown(terminated()).reason());
        assertEquals("transport-closed",
                duringTeardown(new McpTransportSessionClosedException("Transport has already been closed.")).reason());
        assertEquals("client-closed", duringTeardown(new IllegalStateException(
                "MCP session #3 (StdioClientTransport) is closed; 'calling tool' refused. A closed MCP client "
                        + "stays closed: build a new client to reconnect.")).reason());
        assertEquals("executor-shut-down", duringTeardown(new RejectedExecutionException("Terminated")).reason());
        assertEquals("interrupted-by-close", duringTeardown(new InterruptedException()).reason());
        assertEquals("cancelled-by-close", duringTeardown(new CancellationException()).reason());
        assertEquals("stream-ended",
                duringTeardown(new IOException("chunked transfer encoding, state: READING_LENGTH")).reason());
        assertEquals("stream-ended", duringTeardown(new EOFException("EOF reached while reading")).reason());
    }

    /**
     * LangChain4j fails the requests in flight of a client it closes with an IllegalStateException, which its request
     * methods rethrow as {@code new RuntimeException(new ExecutionException(...))}: a plain wrapper, judged by what it
     * carries. A session of it has no SDK line.
     */
    @Test
    void langChain4jsTeardownErrorsAreArtifactsThroughItsWrapping() {
        ArtifactClassifier langChain4j = new ArtifactClassifier(
                Signatures.with(new LangChain4jMcp().teardownArtifacts(), List.of()));
        RuntimeException cancelled = new RuntimeException(new ExecutionException(new IllegalStateException(
                "Operation cancelled due to transport failure: Process has exited")));
        assertEquals("transport-failed", langChain4j.classify(cancelled, true, null).reason());
        assertEquals("process-not-alive",
                langChain4j.classify(new IllegalStateException("Process is not alive"), true, null).reason());
        assertEquals("client-closed-itself",
                langChain4j.classify(new IllegalStateException("The client is closed"), true, null).reason());
        // The same error with no teardown of ours before it: the server died.
        assertFalse(langChain4j.classify(cancelled, false, null).artifact());
        // A real cause under the same wrapping stays real.
        assertFalse(langChain4j.classify(new RuntimeException(new ExecutionException(
                new TimeoutException("no answer"))), true, null).artifact());
    }

    @Test
    void aWrapperWithAMessageOfItsOwnIsALeaf() {
        RuntimeException wrapped = new RuntimeException("the gateway could not list tools", terminated());
        assertFalse(duringTeardown(wrapped).artifact());
        assertEquals("session-terminated", duringTeardown(new RuntimeException(terminated())).reason());
    }

    @Test
    void signaturesOfOlderLinesApplyOnlyThere() {
        RuntimeException enqueue = new RuntimeException("Failed to enqueue message");
        assertTrue(classifier.classify(enqueue, true, "1").artifact());
        assertTrue(classifier.classify(enqueue, true, "0").artifact());
        assertFalse(classifier.classify(enqueue, true, "2").artifact());
    }

    @Test
    void userMarkersAreSignaturesToo() {
        assertEquals("extra", duringTeardown(new IOException("BrokenPipe while writing")).reason());
    }

    @Test
    void wrappersAreSeenThrough() {
        Throwable wrapped = new ExecutionException(new CompletionException(Exceptions.propagate(
                new RuntimeException("Client failed to initialize calling tool",
                        new McpTransportSessionClosedException("MCP session with ID 1 has been closed")))));
        Verdict verdict = duringTeardown(wrapped);
        assertTrue(verdict.artifact(), verdict.reason());
    }

    @Test
    void reactorBlockMarkersAreNotLeaves() {
        RuntimeException blocked = Exceptions.propagate(new InterruptedException());
        blocked.addSuppressed(new Exception("#block has been interrupted"));
        assertTrue(duringTeardown(blocked).artifact());
    }

    @Test
    void aCompositeOfArtifactsIsAnArtifact() {
        assertTrue(duringTeardown(Exceptions.multiple(terminated(), new CancellationException())).artifact());
    }

    @Test
    void aMixedCompositeIsReal() {
        Verdict verdict = duringTeardown(Exceptions.multiple(terminated(), new ConnectException("Connection refused")));
        assertFalse(verdict.artifact());
        assertTrue(verdict.reason().contains("ConnectException"), verdict.reason());
    }

    @Test
    void anArtifactCarryingARealCauseOrSuppressedIsReal() {
        RuntimeException withSuppressed = terminated();
        withSuppressed.addSuppressed(new ConnectException("Connection refused"));
        assertFalse(duringTeardown(withSuppressed).artifact());
        Throwable closedByTimeout = new McpTransportSessionClosedException("closed").initCause(new TimeoutException());
        assertFalse(duringTeardown(closedByTimeout).artifact());
    }

    @Test
    void cyclesEndAndDepthIsBounded() {
        RuntimeException a = new RuntimeException("Client failed to initialize pinging");
        RuntimeException b = terminated();
        a.initCause(b);
        b.addSuppressed(a);
        assertTrue(duringTeardown(a).artifact());

        Throwable deep = terminated();
        for (int i = 0; i < ArtifactClassifier.MAX_DEPTH + 5; i++) {
            deep = new ExecutionException(deep);
        }
        assertFalse(duringTeardown(deep).artifact());
    }

    @Test
    void nothingIsAnArtifactWithoutTheTeardownOfAReadySession() {
        // The same "terminated" after a server restart (the SDK's session-not-found handling) is real.
        assertFalse(classifier.classify(terminated(), false, "2").artifact());
    }

    @Test
    void realFailuresStayReal() {
        assertFalse(duringTeardown(new ConnectException("Connection refused")).artifact());
        assertFalse(duringTeardown(Exceptions.propagate(new TimeoutException(
                "Did not observe any item or terminal signal within 10000ms"))).artifact());
        assertFalse(duringTeardown(new RuntimeException("Client failed to initialize by explicit API call",
                new TimeoutException())).artifact());
        assertFalse(duringTeardown(McpError.builder(-32602).message("Unknown tool").build()).artifact());
        assertFalse(duringTeardown(new RuntimeException("Authorization error connecting to MCP server")).artifact());
        assertFalse(duringTeardown(new IllegalStateException(
                "the MCP server process of MCP session #1 (StdioClientTransport) (pid 42) exited with code 137"))
                .artifact());
    }
}
