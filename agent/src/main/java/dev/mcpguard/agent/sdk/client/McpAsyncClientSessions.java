package dev.mcpguard.agent.sdk.client;

import static dev.mcpguard.agent.sdk.SdkTypes.ASYNC_CLIENT;
import static dev.mcpguard.agent.sdk.SdkTypes.CLIENT_TRANSPORT;
import static dev.mcpguard.agent.sdk.SdkTypes.LIFECYCLE_INITIALIZER;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

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
 * {@code McpAsyncClient} is the session: every sync client delegates to one, and it owns the transport and the
 * {@code LifecycleInitializer} that (re-)initializes it. Its constructor is where a session opens.
 */
public final class McpAsyncClientSessions extends SdkInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> constructor() {
        return isConstructor().and(takesArgument(0, named(CLIENT_TRANSPORT)));
    }

    public McpAsyncClientSessions() {
        super(Feature.SESSIONS, ASYNC_CLIENT, "McpAsyncClient.<init>");
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.method(ASYNC_CLIENT, "<init>(McpClientTransport, ...)", constructor()),
                SdkReference.field(ASYNC_CLIENT, "initializer"),
                SdkReference.type(LIFECYCLE_INITIALIZER));
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(constructor(), Opened.class));
    }

    static final class Opened {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object client, @Advice.Argument(0) Object transport,
                @Advice.FieldValue("initializer") Object initializer) {
            SessionHooks.opened(client, transport, initializer);
        }
    }
}
