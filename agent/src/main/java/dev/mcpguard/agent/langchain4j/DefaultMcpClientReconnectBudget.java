package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code DefaultMcpClient.triggerReconnection()} is LangChain4j's reconnect loop, driven by the health check and the
 * transport's failure callback at a fixed interval, without end; {@code initialize()} is the attempt it makes, whose
 * outcome goes to the session's budget. No {@code reconnect.methods} entry is needed.
 */
public final class DefaultMcpClientReconnectBudget extends LibraryInstrumentation {

    public DefaultMcpClientReconnectBudget() {
        super(Feature.RECONNECT_BUDGET, LangChain4j.CLIENT, "DefaultMcpClient.triggerReconnection, initialize");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.CLIENT_TRIGGER_RECONNECTION, LangChain4j.CLIENT_INITIALIZE);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(
                AdviceOn.of(LangChain4j.CLIENT_TRIGGER_RECONNECTION.matcher(), Reconnection.class),
                AdviceOn.of(LangChain4j.CLIENT_INITIALIZE.matcher(), Attempt.class));
    }

    static final class Reconnection {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object client) {
            return LangChain4jHooks.reconnectionRefused(client);
        }
    }

    static final class Attempt {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object client, @Advice.Thrown Throwable thrown) {
            LangChain4jHooks.initialized(client, thrown);
        }
    }
}
