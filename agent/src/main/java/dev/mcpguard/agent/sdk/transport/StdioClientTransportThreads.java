package dev.mcpguard.agent.sdk.transport;

import static dev.mcpguard.agent.sdk.SdkTypes.STDIO_TRANSPORT;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.SdkInstrumentation;
import dev.mcpguard.agent.install.SdkReference;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** A new {@code StdioClientTransport} gets daemon executor threads, so it cannot keep the JVM from exiting. */
public final class StdioClientTransportThreads extends SdkInstrumentation {

    public StdioClientTransportThreads() {
        super(Feature.EXIT_CLEANUP, STDIO_TRANSPORT, "StdioClientTransport.<init>");
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.field(STDIO_TRANSPORT, "inboundScheduler"),
                SdkReference.field(STDIO_TRANSPORT, "outboundScheduler"),
                SdkReference.field(STDIO_TRANSPORT, "errorScheduler"));
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(isConstructor(), Created.class));
    }

    static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object transport) {
            SessionHooks.stdioTransportCreated(transport);
        }
    }
}
