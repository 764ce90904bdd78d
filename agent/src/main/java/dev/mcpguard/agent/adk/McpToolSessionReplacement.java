package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpTool.reinitializeSession()} (and {@code McpAsyncTool}'s), which its retry runs after every failed call:
 * the session it replaces is closed first when the tool made it itself (an earlier retry); ADK only drops it, and its
 * server runs on. The toolset's session, which every tool of the toolset shares, is the toolset's to close. The new
 * session is made by the manager on this thread before the method returns (the async tool sets it later, when it is
 * initialized), so the runtime learns which one it is from the manager, between the two advices.
 */
public final class McpToolSessionReplacement extends LibraryInstrumentation {

    private final LibraryMember reinitializeSession;

    private McpToolSessionReplacement(String type, LibraryMember reinitializeSession) {
        super(Feature.CLOSE_MARSHALLING, type, type.substring(Adk.PACKAGE.length()) + ".reinitializeSession");
        this.reinitializeSession = reinitializeSession;
    }

    static McpToolSessionReplacement sync() {
        return new McpToolSessionReplacement(Adk.TOOL, Adk.TOOL_REINITIALIZE_SESSION);
    }

    static McpToolSessionReplacement async() {
        return new McpToolSessionReplacement(Adk.ASYNC_TOOL, Adk.ASYNC_TOOL_REINITIALIZE_SESSION);
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(reinitializeSession, Adk.TOOL_SESSION);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(reinitializeSession.matcher(), Replace.class));
    }

    static final class Replace {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object tool) {
            AdkHooks.replacingSession(tool);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object tool) {
            AdkHooks.sessionReplaced(tool);
        }
    }
}
