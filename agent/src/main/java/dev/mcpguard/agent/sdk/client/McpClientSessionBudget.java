package dev.mcpguard.agent.sdk.client;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code McpClientSession.sendRequest} is every call of an initialized session: against a server that went away
 * (Streamable HTTP keeps the session initialized), each is a new connection, at the host's call rate. Its
 * connection failures count against the budget of the session's server, and while that server's circuit is open a
 * call fails at once, naming the server and when the next attempt goes, except the one probe per backoff.
 */
public final class McpClientSessionBudget extends LibraryInstrumentation {

    public McpClientSessionBudget() {
        super(Feature.RECONNECT_BUDGET, Sdk.CLIENT_SESSION, "McpClientSession.sendRequest");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.SEND_REQUEST, Sdk.CLIENT_SESSION_TRANSPORT);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.SEND_REQUEST.matcher(), Request.class));
    }

    static final class Request {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object session, @Advice.Argument(0) String method) {
            return SessionHooks.requesting(session, method);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object session, @Advice.Argument(0) String method, @Advice.Enter Object refusal,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (refusal != null) {
                returned = refusal;
            } else {
                returned = SessionHooks.requestStarted(session, method, returned);
            }
        }
    }
}
