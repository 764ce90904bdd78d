package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code DefaultMcpClient.close()}: handed to the session's owner and bounded. LangChain4j's close only signals its
 * stdio server (SIGTERM) and returns; the owner waits for the server to go, and kills its process tree when it does
 * not within the close timeout. When the agent takes the close over, the body is skipped here and runs again on the
 * owner, where the hook lets it through.
 */
public final class DefaultMcpClientCloseMarshalling extends LibraryInstrumentation {

    public DefaultMcpClientCloseMarshalling() {
        super(Feature.CLOSE_MARSHALLING, LangChain4j.CLIENT, "DefaultMcpClient.close");
    }

    /** The transport is read to adopt a client built before an attach, at its first close. */
    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.CLIENT_CLOSE, LangChain4j.CLIENT_TRANSPORT,
                LangChain4j.CLIENT_HEALTH_CHECK_SCHEDULER, LangChain4j.STDIO_PROCESS);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(LangChain4j.CLIENT_CLOSE.matcher(), Close.class));
    }

    static final class Close {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter(@Advice.This Object client) {
            return LangChain4jHooks.close(client);
        }
    }
}
