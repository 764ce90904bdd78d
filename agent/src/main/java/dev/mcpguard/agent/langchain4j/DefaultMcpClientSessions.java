package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code DefaultMcpClient} is the session: it owns its transport, and its constructor returns only once the
 * transport started and initialized, so a client that is built is open. One that failed to build marked itself
 * closed and has nothing to guard.
 */
public final class DefaultMcpClientSessions extends LibraryInstrumentation {

    public DefaultMcpClientSessions() {
        super(Feature.SESSIONS, LangChain4j.CLIENT, "DefaultMcpClient.<init>");
    }

    /**
     * The server is named and keyed from the stdio transport's command or the HTTP transport's URL, its process read
     * for the status.
     */
    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.CLIENT_CONSTRUCTOR, LangChain4j.CLIENT_TRANSPORT, LangChain4j.STDIO_COMMAND,
                LangChain4j.STDIO_PROCESS, LangChain4j.STREAMABLE_HTTP_CLIENT, LangChain4j.STREAMABLE_URL);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(LangChain4j.CLIENT_CONSTRUCTOR.matcher(), Opened.class));
    }

    static final class Opened {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object client, @Advice.FieldValue("transport") Object transport) {
            LangChain4jHooks.opened(client, transport);
        }
    }
}
