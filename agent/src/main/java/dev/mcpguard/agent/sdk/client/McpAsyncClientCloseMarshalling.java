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
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code McpAsyncClient.close()} and {@code closeGracefully()}: handed to the session's owner. When the agent takes
 * a close over, the SDK body is skipped here and runs again on the owner, where the hook lets it through.
 */
public final class McpAsyncClientCloseMarshalling extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> close() {
        return Sdk.CLIENT_CLOSE.matcher();
    }

    private static ElementMatcher.Junction<MethodDescription> closeGracefully() {
        return Sdk.CLIENT_CLOSE_GRACEFULLY.matcher();
    }

    public McpAsyncClientCloseMarshalling() {
        super(Feature.CLOSE_MARSHALLING, Sdk.ASYNC_CLIENT, "McpAsyncClient.close, closeGracefully");
    }

    /** The fields are read to adopt a session that opened before an attach, at its first close. */
    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.CLIENT_CLOSE, Sdk.CLIENT_CLOSE_GRACEFULLY, Sdk.CLIENT_TRANSPORT_FIELD,
                Sdk.CLIENT_INITIALIZER);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(
                AdviceOn.of(close(), Close.class),
                AdviceOn.of(closeGracefully(), CloseGracefully.class));
    }

    static final class Close {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object client) {
            return SessionHooks.close(client);
        }
    }

    static final class CloseGracefully {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object client) {
            return SessionHooks.closeGracefully(client);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter Object replacement,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (replacement != null) {
                returned = replacement;
            }
        }
    }
}
