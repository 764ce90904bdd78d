package dev.mcpguard.agent.sdk.transport;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The one place where a POST's subscription meets the request it carries: {@code sendMessage} registers it with the
 * transport session right after subscribing ({@link StreamableHttpTransportLiveness}).
 */
public final class DefaultMcpTransportSessionConnections extends LibraryInstrumentation {

    public DefaultMcpTransportSessionConnections() {
        super(Feature.HTTP_LIVENESS, Sdk.TRANSPORT_SESSION, "DefaultMcpTransportSession.addConnection");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.TRANSPORT_SESSION_ADD_CONNECTION);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Sdk.TRANSPORT_SESSION_ADD_CONNECTION.matcher(), Added.class));
    }

    static final class Added {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object connection) {
            SessionHooks.httpConnectionAdded(connection);
        }
    }
}
