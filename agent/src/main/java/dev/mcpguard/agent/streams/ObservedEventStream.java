package dev.mcpguard.agent.streams;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An HTTP response body of server-sent events, passed on unchanged while its fields are read; when the server ends
 * it gracefully (not by an error, not cancelled by the client) {@code ended} is told what the stream carried.
 */
public final class ObservedEventStream implements Flow.Publisher<List<ByteBuffer>> {

    private final Flow.Publisher<List<ByteBuffer>> body;
    private final Consumer<EventStreamFields> ended;

    public ObservedEventStream(Flow.Publisher<List<ByteBuffer>> body, Consumer<EventStreamFields> ended) {
        this.body = body;
        this.ended = ended;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
        EventStreamFields fields = new EventStreamFields();
        body.subscribe(new Flow.Subscriber<List<ByteBuffer>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                try {
                    item.forEach(fields::feed);
                } catch (RuntimeException e) {
                    // Reading along must never break the host's stream.
                }
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
                try {
                    ended.accept(fields);
                } catch (RuntimeException e) {
                    // As above: the host's stream has ended as the server ended it, whatever the agent makes of it.
                }
            }
        });
    }
}
