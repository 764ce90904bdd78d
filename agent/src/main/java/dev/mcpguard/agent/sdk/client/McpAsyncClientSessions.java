package dev.mcpguard.agent.sdk.client;


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
 * {@code McpAsyncClient} is the session: every sync client delegates to one, and it owns the transport and the
 * {@code LifecycleInitializer} that (re-)initializes it. Its constructor is where a session opens.
 */
public final class McpAsyncClientSessions extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> constructor() {
        return Sdk.CLIENT_CONSTRUCTOR.matcher();
    }

    public McpAsyncClientSessions() {
        super(Feature.SESSIONS, Sdk.ASYNC_CLIENT, "McpAsyncClient.<init>");
    }

    /** At open the session's readiness is asked of the client, and its server named from the transport. */
    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.CLIENT_CONSTRUCTOR, Sdk.CLIENT_INITIALIZER, Sdk.CLIENT_IS_INITIALIZED, Sdk.CLIENT_PING,
                Sdk.STREAMABLE_BASE_URI, Sdk.SSE_BASE_URI, Sdk.STDIO_PARAMS, Sdk.STDIO_PROCESS, Sdk.SERVER_COMMAND,
                Sdk.SERVER_ARGS, Sdk.STREAMABLE_ENDPOINT, Sdk.SSE_ENDPOINT_PATH);
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
