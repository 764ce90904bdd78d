package dev.mcpguard.agent.sdk.client;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.CleanupHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code McpClientSession.sendRequest}: the SDK removes a request's pending entry only when its answer comes or its
 * send fails, so every request that timed out or was cancelled stays in {@code pendingResponses} for the session's
 * life (java-sdk #1133). The request's id is made by {@code generateRequestId()}, first thing on the sending thread;
 * the Mono {@code sendRequest} returns is then given the removal of that id on error and on cancel.
 */
public final class McpClientSessionLeaks extends LibraryInstrumentation {

    public McpClientSessionLeaks() {
        super(Feature.LEAK_FIXES, Sdk.CLIENT_SESSION, "McpClientSession.sendRequest (pending entries)");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.GENERATE_REQUEST_ID, Sdk.SEND_REQUEST, Sdk.PENDING_RESPONSES);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(
                AdviceOn.of(Sdk.GENERATE_REQUEST_ID.matcher(), IdMade.class),
                AdviceOn.of(Sdk.SEND_REQUEST.matcher(), RequestSent.class));
    }

    static final class IdMade {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object id) {
            CleanupHooks.requestIdMade(id);
        }
    }

    static final class RequestSent {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object session,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            returned = CleanupHooks.requestSent(session, returned);
        }
    }
}
