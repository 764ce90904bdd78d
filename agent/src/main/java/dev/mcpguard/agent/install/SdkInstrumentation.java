package dev.mcpguard.agent.install;

import dev.mcpguard.agent.config.Feature;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The advice one feature weaves into one SDK class. Implementations name their targets narrowly (by class name
 * only, so start-up stays cheap), declare every SDK member they rely on, and keep their advice thin: the advice
 * hands over to the bootstrap API and decides nothing.
 */
public interface SdkInstrumentation {

    /** The SDK methods it weaves, for the banner, e.g. {@code McpAsyncClient.close, closeGracefully}. */
    String target();

    Feature feature();

    ElementMatcher<? super TypeDescription> types();

    /** Everything the advice needs from the SDK; if any is missing the SDK is left untouched. */
    List<SdkReference> references();

    /** Adds this instrumentation's advice to a transformer that already knows where advice classes live. */
    AgentBuilder.Transformer.ForAdvice advise(AgentBuilder.Transformer.ForAdvice transformer);
}
