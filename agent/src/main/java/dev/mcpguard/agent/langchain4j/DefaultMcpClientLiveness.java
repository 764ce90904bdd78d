package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * A stdio server that exits on its own leaves LangChain4j's pending requests waiting out their timeouts up to 1.17
 * (1.18 fails them itself when its process ends): each server process that {@code initialize()} started, at the
 * client's construction or at a reconnection, is watched, and its exit fails the requests in flight at once with
 * the exit code.
 */
public final class DefaultMcpClientLiveness extends LibraryInstrumentation {

    public DefaultMcpClientLiveness() {
        super(Feature.LIVENESS, LangChain4j.CLIENT, "DefaultMcpClient.initialize (its server process)");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.CLIENT_INITIALIZE, LangChain4j.CLIENT_TRANSPORT, LangChain4j.STDIO_PROCESS,
                LangChain4j.CLIENT_PENDING_OPERATIONS);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(LangChain4j.CLIENT_INITIALIZE.matcher(), Initialized.class));
    }

    static final class Initialized {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object client) {
            LangChain4jHooks.serverStarted(client);
        }
    }
}
