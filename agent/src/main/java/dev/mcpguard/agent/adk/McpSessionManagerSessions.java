package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code McpSessionManager.createSession()} and {@code createAsyncSession()}: every session made is remembered for
 * the manager, so that its toolset's close can close it; once the toolset is closed, making one throws instead (the
 * body is skipped, so no server is started). That exception is the method's deliberate outcome, set as its
 * throwable; anything the advice itself throws is still suppressed.
 */
public final class McpSessionManagerSessions extends LibraryInstrumentation {

    public McpSessionManagerSessions() {
        super(Feature.CLOSED_GUARD, Adk.SESSION_MANAGER, "McpSessionManager.createSession, createAsyncSession");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Adk.CREATE_SESSION, Adk.CREATE_ASYNC_SESSION);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Adk.CREATE_SESSION.matcher().or(Adk.CREATE_ASYNC_SESSION.matcher()),
                Create.class));
    }

    static final class Create {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static RuntimeException enter(@Advice.This Object manager) {
            return AdkHooks.refuseSession(manager);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object manager, @Advice.Enter RuntimeException refusal,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object created,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal != null) {
                thrown = refusal;
            } else if (thrown == null) {
                AdkHooks.sessionCreated(manager, created);
            }
        }
    }
}
