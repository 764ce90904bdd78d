package dev.mcpguard.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mcpguard.agent.streams.ObservedEventStream;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/** Which event streams are read along for resumption, on the build's SDK (2.1). */
class StreamResumptionTest {

    private final Flow.Publisher<List<ByteBuffer>> body = new SubmissionPublisher<>();

    private static HttpClientStreamableHttpTransport transport(boolean resumable) {
        return HttpClientStreamableHttpTransport.builder("http://localhost:1").resumableStreams(resumable).build();
    }

    @Test
    void aPostsStreamOnAResumableTransportIsReadAlong() {
        assertInstanceOf(ObservedEventStream.class, StreamResumption.observe(transport(true), body, null, null, null));
    }

    @Test
    void aHostThatTurnedResumableStreamsOffIsLeftAsItChose() {
        assertSame(body, StreamResumption.observe(transport(false), body, null, null, null));
    }

    @Test
    void aStreamTheSdkResumesItselfIsLeftAlone() {
        assertSame(body, StreamResumption.observe(transport(true), body, new Object(), null, null));
    }
}
