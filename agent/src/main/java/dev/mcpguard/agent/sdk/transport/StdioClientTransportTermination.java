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
 * Termination needs the stdio transport's process and executors (read when a close overruns), and a reconnect of
 * the same transport must first end the server process it already has.
 */
public final class StdioClientTransportTermination extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> connect() {
        return Sdk.STDIO_CONNECT.matcher();
    }

    public StdioClientTransportTermination() {
        super(Feature.TERMINATION, Sdk.STDIO_TRANSPORT, "StdioClientTransport.connect");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.STDIO_CONNECT, Sdk.STDIO_PROCESS, Sdk.STDIO_SCHEDULERS[0], Sdk.STDIO_SCHEDULERS[1],
                Sdk.STDIO_SCHEDULERS[2]);
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
