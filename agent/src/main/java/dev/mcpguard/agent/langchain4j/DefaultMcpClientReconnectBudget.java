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
 * outcome goes to the budget of the session's server. The constructor's own {@code initialize()} comes before the
 * session is known and goes to the same budget, found by the server's key: a host that builds a new client after each
 * failure is held to the pace of one that keeps its client, and while the server's circuit is open the constructor
 * fails at once, naming the server, without starting a server or opening a connection. No
 * {@code reconnect.methods} entry is needed.
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
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static RuntimeException enter(@Advice.This Object client) {
            return LangChain4jHooks.initializationRefusal(client);
        }

        /** A refused attempt throws its refusal, which the constructor passes on as it would a failed connection. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object client, @Advice.Enter RuntimeException refusal,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal != null) {
                thrown = refusal;
            } else {
                LangChain4jHooks.initialized(client, thrown);
            }
        }
    }
}
