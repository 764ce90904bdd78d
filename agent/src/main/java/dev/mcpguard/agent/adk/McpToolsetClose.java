package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpToolset.close()} (and {@code McpAsyncToolset.close()}) closes every session the toolset's manager made,
 * and no session is made afterwards for the tools it handed out. ADK's own close closes only the sessions the toolset
 * holds now; a tool whose call failed meanwhile has made itself another one, and its retry makes one more after the
 * close, which nothing closes.
 */
public final class McpToolsetClose extends LibraryInstrumentation {

    private final LibraryMember close;
    private final LibraryMember sessionManager;

    private McpToolsetClose(String type, LibraryMember close, LibraryMember sessionManager) {
        super(Feature.CLOSED_GUARD, type, type.substring(Adk.PACKAGE.length()) + ".close");
        this.close = close;
        this.sessionManager = sessionManager;
    }

    static McpToolsetClose sync() {
        return new McpToolsetClose(Adk.TOOLSET, Adk.TOOLSET_CLOSE, Adk.TOOLSET_SESSION_MANAGER);
    }

    static McpToolsetClose async() {
        return new McpToolsetClose(Adk.ASYNC_TOOLSET, Adk.ASYNC_TOOLSET_CLOSE, Adk.ASYNC_TOOLSET_SESSION_MANAGER);
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(close, sessionManager);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(close.matcher(), Close.class));
    }

    static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object toolset) {
            AdkHooks.toolsetClosing(toolset);
        }
    }
}
