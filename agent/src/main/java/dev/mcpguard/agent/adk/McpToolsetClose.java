package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpToolset.close()} closes every session the toolset's manager made, and no session is made afterwards for
 * the tools it handed out. ADK's own close closes only the session the toolset holds now; a tool whose call failed
 * meanwhile has made itself another one, and its retry makes one more after the close, which nothing closes.
 */
public final class McpToolsetClose extends LibraryInstrumentation {

    public McpToolsetClose() {
        super(Feature.CLOSED_GUARD, Adk.TOOLSET, "McpToolset.close");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Adk.TOOLSET_CLOSE, Adk.TOOLSET_SESSION_MANAGER);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Adk.TOOLSET_CLOSE.matcher(), Close.class));
    }

    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object toolset) {
            AdkHooks.toolsetClosing(toolset);
        }
    }
}
