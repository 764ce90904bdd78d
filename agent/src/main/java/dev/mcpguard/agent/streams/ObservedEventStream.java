package dev.mcpguard.agent.streams;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP response body of server-sent events, passed on unchanged while its fields are read; when the server ends
 * it gracefully (not by an error, not cancelled by the client) {@code ending} is told what the stream carried, before
 * the reader learns of the end, and passes the end on: what it decides (a resumption) is known by then.
 */
public final class ObservedEventStream implements Flow.Publisher<List<ByteBuffer>> {

    private final Flow.Publisher<List<ByteBuffer>> body;
    private final Ending ending;

    /** What to make of a graceful end. */
    public interface Ending {
        /** The stream carried {@code fields} and ended; {@code passOn} tells the reader, and must run once. */
        void ended(EventStreamFields fields, Runnable passOn);
    }

    public ObservedEventStream(Flow.Publisher<List<ByteBuffer>> body, Ending ending) {
        this.body = body;
        this.ending = ending;
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
                AtomicBoolean passed = new AtomicBoolean();
                Runnable passOn = () -> {
                    if (passed.compareAndSet(false, true)) {
                        subscriber.onComplete();
                    }
                };
                try {
                    ending.ended(fields, passOn);
                } catch (RuntimeException e) {
                    // As above: the host's stream ends as the server ended it, whatever the agent makes of it.
                } finally {
                    passOn.run();
                }
            }
        });
    }
}
