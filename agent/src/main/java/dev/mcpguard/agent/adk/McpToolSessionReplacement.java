package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpTool.reinitializeSession()}, which its retry runs after every failed call: the session it replaces is
 * closed first when the tool made it itself (an earlier retry); ADK only drops it, and its server runs on. The
 * toolset's session, which every tool of the toolset shares, is the toolset's to close.
 */
public final class McpToolSessionReplacement extends LibraryInstrumentation {

    public McpToolSessionReplacement() {
        super(Feature.CLOSE_MARSHALLING, Adk.TOOL, "McpTool.reinitializeSession");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Adk.TOOL_REINITIALIZE_SESSION, Adk.TOOL_SESSION);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Adk.TOOL_REINITIALIZE_SESSION.matcher(), Replace.class));
    }

    static final class Replace {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object tool) {
            AdkHooks.replacingSession(tool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object tool) {
            AdkHooks.sessionReplaced(tool);
        }
    }
}
