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
 * An HTTP transport's {@code Builder.build()} is the only place that shows whose {@code HttpClient} the transport
 * gets: one built for it alone, or one the host's {@code HttpClient.Builder} shares with others. The agent shuts
 * down only the first kind when the transport closes, and the transport's {@code httpClient} is read then.
 */
public final class HttpTransportBuilderClients extends LibraryInstrumentation {

    /** The builder's build(), its clientBuilder and the transport's httpClient, in that order. */
    private final List<LibraryMember> members;

    public static HttpTransportBuilderClients streamable() {
        return new HttpTransportBuilderClients(Sdk.STREAMABLE_TRANSPORT, "HttpClientStreamableHttpTransport",
                List.of(Sdk.STREAMABLE_BUILD, Sdk.STREAMABLE_CLIENT_BUILDER, Sdk.STREAMABLE_HTTP_CLIENT));
    }

    public static HttpTransportBuilderClients sse() {
        return new HttpTransportBuilderClients(Sdk.SSE_TRANSPORT, "HttpClientSseClientTransport",
                List.of(Sdk.SSE_BUILD, Sdk.SSE_CLIENT_BUILDER, Sdk.SSE_HTTP_CLIENT));
    }

    private HttpTransportBuilderClients(String transportType, String simpleName, List<LibraryMember> members) {
        super(Feature.CLOSE_MARSHALLING, transportType + "$Builder", simpleName + ".Builder.build");
        this.members = members;
    }

    @Override
    protected List<LibraryMember> members() {
        return members;
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(members.get(0).matcher(), Built.class));
    }

    static final class Built {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object transport, @Advice.FieldValue("clientBuilder") Object clientBuilder) {
            SessionHooks.httpTransportBuilt(transport, clientBuilder);
        }
    }
}
