package dev.mcpguard.agent.sdk.transport;

import static dev.mcpguard.agent.sdk.SdkTypes.STDIO_TRANSPORT;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

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
 * Termination needs the stdio transport's process and executors (read when a close overruns), and a reconnect of
 * the same transport must first end the server process it already has.
 */
public final class StdioClientTransportTermination extends SdkInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> connect() {
        return named("connect").and(takesArguments(1));
    }

    public StdioClientTransportTermination() {
        super(Feature.TERMINATION, STDIO_TRANSPORT, "StdioClientTransport.connect");
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.method(STDIO_TRANSPORT, "connect(Function)", connect()),
                SdkReference.field(STDIO_TRANSPORT, "process"),
                SdkReference.field(STDIO_TRANSPORT, "inboundScheduler"),
                SdkReference.field(STDIO_TRANSPORT, "outboundScheduler"),
                SdkReference.field(STDIO_TRANSPORT, "errorScheduler"));
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(connect(), Connecting.class));
    }

    static final class Connecting {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport) {
            SessionHooks.stdioConnecting(transport);
        }
    }
}
