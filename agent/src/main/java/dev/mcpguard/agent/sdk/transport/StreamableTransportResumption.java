package dev.mcpguard.agent.sdk.transport;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Every event stream of the Streamable HTTP transport (2.1) passes through {@code consumeSseStream} as raw bytes,
 * the only place that still has each event's id and the server's {@code retry:} field; its end there is a graceful
 * one. The resumption itself goes through the transport's own {@code reconnect(stream)}.
 */
public final class StreamableTransportResumption extends LibraryInstrumentation {

    public StreamableTransportResumption() {
        super(Feature.STREAM_RESUMPTION, Sdk.STREAMABLE_TRANSPORT, "HttpClientStreamableHttpTransport.consumeSseStream");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.STREAMABLE_CONSUME_SSE, Sdk.STREAMABLE_RECONNECT, Sdk.STREAMABLE_RESUMABLE,
                Sdk.TRANSPORT_STREAM_CONSTRUCTOR, Sdk.TRANSPORT_STREAM_LAST_ID);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.STREAMABLE_CONSUME_SSE.matcher(), Reading.class));
    }

    static final class Reading {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport,
                @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object body,
                @Advice.Argument(1) Object stream) {
            body = SessionHooks.eventStreamOpened(transport, body, stream);
        }
    }
}
