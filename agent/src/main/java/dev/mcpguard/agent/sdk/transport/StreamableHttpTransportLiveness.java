package dev.mcpguard.agent.sdk.transport;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * A POST's response stream ends where only the transport's own lambdas see it: the {@code Mono.create} body of
 * {@code sendMessage} knows the request it sends, its {@code doFinally} that the POST's subscription ended, and
 * {@code reconnect(stream)} that the SDK resumes a stream. Failing the request reaches into the SDK's session, and
 * the subscription is told apart by its registration with the transport session
 * ({@link DefaultMcpTransportSessionConnections}), hence the members below.
 */
public final class StreamableHttpTransportLiveness extends LibraryInstrumentation {

    public StreamableHttpTransportLiveness() {
        super(Feature.HTTP_LIVENESS, Sdk.STREAMABLE_TRANSPORT, "HttpClientStreamableHttpTransport.sendMessage (stream end)");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.STREAMABLE_SEND_BODY, Sdk.STREAMABLE_SEND_FINALLY, Sdk.STREAMABLE_RECONNECT,
                Sdk.TRANSPORT_SESSION_ADD_CONNECTION, Sdk.REQUEST_ID, Sdk.REQUEST_METHOD, Sdk.INITIALIZATION_REF,
                Sdk.INITIALIZATION_SESSION, Sdk.PENDING_RESPONSES);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.STREAMABLE_SEND_BODY.matcher(), Sending.class),
                AdviceOn.of(Sdk.STREAMABLE_SEND_FINALLY.matcher(), Ended.class),
                AdviceOn.of(Sdk.STREAMABLE_RECONNECT.matcher(), Resuming.class));
    }

    static final class Sending {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport, @Advice.Argument(0) Object message) {
            SessionHooks.httpPostSending(transport, message);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object transport) {
            SessionHooks.httpPostSending(transport, null);
        }
    }

    static final class Ended {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object connectionRef, @Advice.Argument(2) Object signal) {
            SessionHooks.httpPostEnded(connectionRef, signal);
        }
    }

    static final class Resuming {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport, @Advice.Argument(0) Object stream) {
            SessionHooks.httpStreamResuming(transport, stream);
        }
    }
}
