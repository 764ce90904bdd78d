package dev.mcpguard.agent.sdk.client;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.SdkInstrumentation;
import dev.mcpguard.agent.install.SdkReference;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code McpAsyncClient} is the session: every sync client delegates to one, and it owns the transport and the
 * {@code LifecycleInitializer} that (re-)initializes it. Its constructor is where a session opens; its
 * {@code close()} and {@code closeGracefully()} are where it begins to close.
 */
public final class McpAsyncClientInstrumentation implements SdkInstrumentation {

    static final String CLIENT = "io.modelcontextprotocol.client.McpAsyncClient";
    static final String TRANSPORT = "io.modelcontextprotocol.spec.McpClientTransport";

    private static final ElementMatcher.Junction<MethodDescription> CONSTRUCTOR =
            isConstructor().and(takesArgument(0, named(TRANSPORT)));
    private static final ElementMatcher.Junction<MethodDescription> CLOSE =
            named("close").and(takesNoArguments());
    private static final ElementMatcher.Junction<MethodDescription> CLOSE_GRACEFULLY =
            named("closeGracefully").and(takesNoArguments());

    @Override
    public String name() {
        return "sessions (McpAsyncClient)";
    }

    @Override
    public Feature feature() {
        return Feature.SESSIONS;
    }

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named(CLIENT);
    }

    @Override
    public List<SdkReference> references() {
        return List.of(
                SdkReference.method(CLIENT, "<init>(McpClientTransport, ...)", CONSTRUCTOR),
                SdkReference.field(CLIENT, "initializer"),
                SdkReference.type("io.modelcontextprotocol.client.LifecycleInitializer"),
                SdkReference.method(CLIENT, "close()", CLOSE),
                SdkReference.method(CLIENT, "closeGracefully()", CLOSE_GRACEFULLY));
    }

    @Override
    public AgentBuilder.Transformer.ForAdvice advise(AgentBuilder.Transformer.ForAdvice transformer) {
        return transformer
                .advice(CONSTRUCTOR, Opened.class.getName())
                .advice(CLOSE.or(CLOSE_GRACEFULLY), Closing.class.getName());
    }

    static final class Opened {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object client, @Advice.Argument(0) Object transport,
                @Advice.FieldValue("initializer") Object initializer) {
            SessionHooks.opened(client, transport, initializer);
        }
    }

    static final class Closing {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object client) {
            SessionHooks.closing(client);
        }
    }
}
