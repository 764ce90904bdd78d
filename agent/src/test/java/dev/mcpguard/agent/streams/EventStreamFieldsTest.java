package dev.mcpguard.agent.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventStreamFieldsTest {

    private static EventStreamFields read(String... chunks) {
        EventStreamFields fields = new EventStreamFields();
        for (String chunk : chunks) {
            fields.feed(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        return fields;
    }

    @Test
    void aPrimingEventGivesTheIdAndTheRetryDelayButNoResponse() {
        EventStreamFields fields = read("id: event-2\nretry: 500\ndata: \n\n");
        assertEquals("event-2", fields.lastEventId());
        assertEquals(500, fields.retryMillis());
    }

    @Test
    void linesSplitAcrossChunksAndCrLfAreRead() {
        EventStreamFields fields = read("id: e", "v-1\r\nret", "ry: 250\r\n\r\n");
        assertEquals("ev-1", fields.lastEventId());
        assertEquals(250, fields.retryMillis());
    }

    @Test
    void aLineTooLongForAFieldIsDataAndSkipped() {
        EventStreamFields fields = read("id: 1\n", "data: " + "x".repeat(EventStreamFields.LONGEST_FIELD * 3) + "\n",
                "id: 2\n\n");
        assertEquals("2", fields.lastEventId());
    }

    @Test
    void noIdNoRetryAndAnInvalidRetryAreNone() {
        EventStreamFields fields = read("retry: soon\ndata: x\n\n");
        assertNull(fields.lastEventId());
        assertEquals(-1, fields.retryMillis());
    }

    @Test
    void theObservedBodyPassesEveryChunkOnAndTellsAGracefulEndBeforeTheReader() throws Exception {
        CompletableFuture<EventStreamFields> ended = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean readerKnewFirst = new java.util.concurrent.atomic.AtomicBoolean();
        try (SubmissionPublisher<List<ByteBuffer>> body = new SubmissionPublisher<>()) {
            new ObservedEventStream(body, (fields, passOn) -> {
                readerKnewFirst.set(done.getCount() == 0);
                ended.complete(fields);
                passOn.run();
            }).subscribe(reader(seen, done));
            body.submit(List.of(ByteBuffer.wrap("id: 7\nretry: 100\ndata: \n\n".getBytes(StandardCharsets.UTF_8))));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("id: 7\nretry: 100\ndata: \n\n"), seen, "the host reads the same bytes, unconsumed");
        EventStreamFields fields = ended.get(10, TimeUnit.SECONDS);
        assertTrue(!readerKnewFirst.get(), "told before the host's subscriber saw the end");
        assertEquals("7", fields.lastEventId());
        assertEquals(100, fields.retryMillis());
    }

    @Test
    void anEndingThatFailsStillEndsTheReadersStream() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (SubmissionPublisher<List<ByteBuffer>> body = new SubmissionPublisher<>()) {
            new ObservedEventStream(body, (fields, passOn) -> {
                throw new IllegalStateException("the agent's own fault");
            }).subscribe(reader(new ArrayList<>(), done));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    /** A host's reader of the body: requests everything, keeps each chunk as text, counts down at the end. */
    private static Flow.Subscriber<List<ByteBuffer>> reader(List<String> seen,
            java.util.concurrent.CountDownLatch done) {
        return new Flow.Subscriber<List<ByteBuffer>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                item.forEach(b -> seen.add(StandardCharsets.UTF_8.decode(b).toString()));
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        };
    }
}
