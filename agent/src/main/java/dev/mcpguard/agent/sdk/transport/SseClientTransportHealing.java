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
 * The legacy HTTP+SSE transport's session lives exactly as long as its event stream, and the transport tells nobody
 * that the stream ended: only the stream's own {@code doFinally} knows. Healing the session reads and renews the
 * transport's endpoint and the SDK's session, hence the members below.
 */
public final class SseClientTransportHealing extends LibraryInstrumentation {

    public SseClientTransportHealing() {
        super(Feature.SESSION_HEALING, Sdk.SSE_TRANSPORT, "HttpClientSseClientTransport.connect (stream end)");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.SSE_STREAM_FINALLY, Sdk.SSE_ENDPOINT, Sdk.SSE_CLOSING,
                Sdk.INITIALIZATION_REF, Sdk.INITIALIZATION_SESSION, Sdk.PENDING_RESPONSES);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.SSE_STREAM_FINALLY.matcher(), StreamEnded.class));
    }

    static final class StreamEnded {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object transport, @Advice.Argument(0) Object signal) {
            SessionHooks.sseStreamEnded(transport, signal);
        }
    }
}
