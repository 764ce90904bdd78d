package dev.mcpguard.agent.sdk.client;

import static dev.mcpguard.agent.sdk.SdkTypes.SYNC_CLIENT;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
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
 * {@code McpSyncClient.closeGracefully()} blocks on the async close, which throws on a Reactor non-blocking thread
 * and is cancelled by an interrupt; both report a close that in truth went on, or leak one that did not. The agent
 * answers it instead: closed on the owner, waited for within the close timeout where waiting is allowed.
 */
public final class McpSyncClientCloseMarshalling extends SdkInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> closeGracefully() {
        return named("closeGracefully").and(takesNoArguments()).and(returns(boolean.class));
    }

    public McpSyncClientCloseMarshalling() {
        super(Feature.CLOSE_MARSHALLING, SYNC_CLIENT, "McpSyncClient.closeGracefully");
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.method(SYNC_CLIENT, "closeGracefully()", closeGracefully()),
                SdkReference.field(SYNC_CLIENT, "delegate"));
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
