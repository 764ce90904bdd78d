package dev.mcpguard.agent.sdk.transport;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.CleanupHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code DefaultMcpTransportSession.closeGracefully()}: a Streamable HTTP session sends its DELETE, then disposes of
 * its open streams, but only if the DELETE succeeded (java-sdk #547, up to 2.0.1): a failed DELETE (the host's
 * request customizer refused it, the connection broke) leaves the event stream open, on a client the host may keep.
 * The SDK class also has a bridge {@code closeGracefully()} returning {@code Publisher}; only the real one is woven.
 */
public final class TransportSessionLeaks extends LibraryInstrumentation {

    public TransportSessionLeaks() {
        super(Feature.LEAK_FIXES, Sdk.TRANSPORT_SESSION, "DefaultMcpTransportSession.closeGracefully (connections)");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.TRANSPORT_SESSION_CLOSE_GRACEFULLY, Sdk.TRANSPORT_SESSION_CONNECTIONS);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.TRANSPORT_SESSION_CLOSE_GRACEFULLY.matcher().and(ElementMatchers.not(
                ElementMatchers.isBridge())), Closing.class));
    }

    static final class Closing {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object transportSession,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                @Advice.Thrown Throwable thrown) {
            returned = CleanupHooks.transportSessionClosing(transportSession, returned, thrown);
        }
    }
}
