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
 * {@code McpSyncClient.closeGracefully()} blocks on the async close, which throws on a Reactor non-blocking thread
 * and is cancelled by an interrupt; both report a close that in truth went on, or leak one that did not. The agent
 * answers it instead: closed on the owner, waited for within the close timeout where waiting is allowed.
 */
public final class McpSyncClientCloseMarshalling extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> closeGracefully() {
        return Sdk.SYNC_CLOSE_GRACEFULLY.matcher();
    }

    public McpSyncClientCloseMarshalling() {
        super(Feature.CLOSE_MARSHALLING, Sdk.SYNC_CLIENT, "McpSyncClient.closeGracefully");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.SYNC_CLOSE_GRACEFULLY, Sdk.SYNC_DELEGATE);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(closeGracefully(), CloseGracefully.class));
    }

    static final class CloseGracefully {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Boolean enter(@Advice.FieldValue("delegate") Object delegate) {
            return SessionHooks.closeGracefullyAndWait(delegate);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter Boolean answer, @Advice.Return(readOnly = false) boolean returned) {
            if (answer != null) {
                returned = answer;
            }
        }
    }
}
