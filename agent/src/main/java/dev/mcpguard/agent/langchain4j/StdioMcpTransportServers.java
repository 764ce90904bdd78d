package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code StdioMcpTransport.start(...)} starts a server process each time it runs and forgets the one it had. A start
 * that a reconnection began just before the close is too late: its server is ended at once. (Ending the forgotten
 * one on a reconnect of an open client, langchain4j #5756, is left to LangChain4j 1.19.)
 */
public final class StdioMcpTransportServers extends LibraryInstrumentation {

    public StdioMcpTransportServers() {
        super(Feature.CLOSED_GUARD, LangChain4j.STDIO_TRANSPORT, "StdioMcpTransport.start");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(LangChain4j.STDIO_START, LangChain4j.STDIO_PROCESS);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(LangChain4j.STDIO_START.matcher(), Started.class));
    }

    static final class Started {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object transport, @Advice.FieldValue("process") Object process) {
            LangChain4jHooks.stdioStarted(transport, process);
        }
    }
}
