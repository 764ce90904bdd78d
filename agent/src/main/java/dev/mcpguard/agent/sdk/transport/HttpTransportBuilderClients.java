package dev.mcpguard.agent.sdk.transport;

import static dev.mcpguard.agent.sdk.SdkTypes.SSE_TRANSPORT;
import static dev.mcpguard.agent.sdk.SdkTypes.STREAMABLE_TRANSPORT;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.SdkInstrumentation;
import dev.mcpguard.agent.install.SdkReference;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP transport's {@code Builder.build()} is the only place that shows whose {@code HttpClient} the transport
 * gets: one built for it alone, or one the host's {@code HttpClient.Builder} shares with others. The agent shuts
 * down only the first kind when the transport closes, and the transport's {@code httpClient} is read then.
 */
public final class HttpTransportBuilderClients extends SdkInstrumentation {

    private final String transportType;

    private static ElementMatcher.Junction<MethodDescription> build() {
        return named("build").and(takesNoArguments());
    }

    public static HttpTransportBuilderClients streamable() {
        return new HttpTransportBuilderClients(STREAMABLE_TRANSPORT, "HttpClientStreamableHttpTransport");
    }

    public static HttpTransportBuilderClients sse() {
        return new HttpTransportBuilderClients(SSE_TRANSPORT, "HttpClientSseClientTransport");
    }

    private HttpTransportBuilderClients(String transportType, String simpleName) {
        super(Feature.CLOSE_MARSHALLING, transportType + "$Builder", simpleName + ".Builder.build");
        this.transportType = transportType;
    }

    @Override
    public List<SdkReference> references() {
        String builder = transportType + "$Builder";
        return List.of(
                SdkReference.method(builder, "build()", build()),
                SdkReference.field(builder, "clientBuilder"),
                SdkReference.field(transportType, "httpClient"));
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(build(), Built.class));
    }

    static final class Built {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object transport, @Advice.FieldValue("clientBuilder") Object clientBuilder) {
            SessionHooks.httpTransportBuilt(transport, clientBuilder);
        }
    }
}
