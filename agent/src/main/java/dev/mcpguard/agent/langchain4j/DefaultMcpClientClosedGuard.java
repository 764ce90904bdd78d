package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * A closed {@code DefaultMcpClient} stays closed. Its close interrupts an in-flight health check, whose failure goes
 * to {@code triggerReconnection()}, which starts the transport again after the close (langchain4j #6426); the
 * transport's failure callback sleeps and then does the same. Both end in {@code initialize()}. For a closed session
 * the agent skips both bodies: {@code triggerReconnection()} for the common case, {@code initialize()} for a
 * reconnection that was already past it when the close began.
 */
public final class DefaultMcpClientClosedGuard extends LibraryInstrumentation {

    public DefaultMcpClientClosedGuard() {
        super(Feature.CLOSED_GUARD, LangChain4j.CLIENT, "DefaultMcpClient.triggerReconnection, initialize");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.CLIENT_TRIGGER_RECONNECTION, LangChain4j.CLIENT_INITIALIZE);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(
                AdviceOn.of(LangChain4j.CLIENT_TRIGGER_RECONNECTION.matcher(), RefuseReconnection.class),
                AdviceOn.of(LangChain4j.CLIENT_INITIALIZE.matcher(), RefuseInitialize.class));
    }

    static final class RefuseReconnection {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object client) {
            return LangChain4jHooks.refuseReopen(client, "reconnect");
        }
    }

    static final class RefuseInitialize {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object client) {
            return LangChain4jHooks.refuseReopen(client, "initialize");
        }
    }
}
