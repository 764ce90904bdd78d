package dev.mcpguard.agent.sdk.transport;


import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code startInboundProcessing()} runs right after the stdio server process started: the moment to watch it
 * exit. Failing the pending requests reaches into the SDK's session, hence the references below.
 */
public final class StdioClientTransportLiveness extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> startInbound() {
        return Sdk.STDIO_START_INBOUND.matcher();
    }

    public StdioClientTransportLiveness() {
        super(Feature.LIVENESS, Sdk.STDIO_TRANSPORT, "StdioClientTransport.startInboundProcessing");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.STDIO_START_INBOUND, Sdk.STDIO_PROCESS, Sdk.INITIALIZATION_REF, Sdk.INITIALIZATION_SESSION,
                Sdk.PENDING_RESPONSES);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(startInbound(), Started.class));
    }

    static final class Started {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport, @Advice.FieldValue("process") Object process) {
            SessionHooks.stdioStarted(transport, process);
        }
    }
}
