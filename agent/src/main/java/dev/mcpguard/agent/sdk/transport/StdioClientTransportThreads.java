package dev.mcpguard.agent.sdk.transport;


import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** A new {@code StdioClientTransport} gets daemon executor threads, so it cannot keep the JVM from exiting. */
public final class StdioClientTransportThreads extends LibraryInstrumentation {

    public StdioClientTransportThreads() {
        super(Feature.EXIT_CLEANUP, Sdk.STDIO_TRANSPORT, "StdioClientTransport.<init>");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.STDIO_CONSTRUCTOR, Sdk.STDIO_SCHEDULERS[0], Sdk.STDIO_SCHEDULERS[1],
                Sdk.STDIO_SCHEDULERS[2]);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.STDIO_CONSTRUCTOR.matcher(), Created.class));
    }

    static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object transport) {
            SessionHooks.stdioTransportCreated(transport);
        }
    }
}
