package dev.mcpguard.agent.sdk.transport;

import static dev.mcpguard.agent.sdk.SdkTypes.LIFECYCLE_INITIALIZER;
import static dev.mcpguard.agent.sdk.SdkTypes.STDIO_TRANSPORT;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.SdkInstrumentation;
import dev.mcpguard.agent.install.SdkReference;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code startInboundProcessing()} runs right after the stdio server process started: the moment to watch it
 * exit. Failing the pending requests reaches into the SDK's session, hence the references below.
 */
public final class StdioClientTransportLiveness extends SdkInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> startInbound() {
        return named("startInboundProcessing").and(takesNoArguments());
    }

    public StdioClientTransportLiveness() {
        super(Feature.LIVENESS, STDIO_TRANSPORT, "StdioClientTransport.startInboundProcessing");
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.method(STDIO_TRANSPORT, "startInboundProcessing()", startInbound()),
                SdkReference.field(STDIO_TRANSPORT, "process"),
                SdkReference.field(LIFECYCLE_INITIALIZER, "initializationRef"),
                SdkReference.field(LIFECYCLE_INITIALIZER + "$DefaultInitialization", "mcpClientSession"),
                SdkReference.field("io.modelcontextprotocol.spec.McpClientSession", "pendingResponses"));
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
