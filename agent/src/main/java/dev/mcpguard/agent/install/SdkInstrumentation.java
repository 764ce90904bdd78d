package dev.mcpguard.agent.install;

import dev.mcpguard.agent.config.Feature;
import java.util.List;

/**
 * The advice one feature weaves into one SDK class. The target is named exactly (by class name only, so start-up
 * stays cheap); subclasses declare every SDK member they rely on and keep their advice thin: the advice hands over
 * to the bootstrap API and decides nothing.
 */
public abstract class SdkInstrumentation {

    private final Feature feature;
    private final String sdkType;
    private final String target;

    /**
     * @param sdkType the SDK class woven
     * @param target the methods woven, for the banner, e.g. {@code McpAsyncClient.close, closeGracefully}
     */
    protected SdkInstrumentation(Feature feature, String sdkType, String target) {
        this.feature = feature;
        this.sdkType = sdkType;
        this.target = target;
    }

    public final Feature feature() {
        return feature;
    }

    public final String target() {
        return target;
    }

    /** The binary name of the SDK class woven. */
    final String sdkType() {
        return sdkType;
    }

    /** Everything the advice needs from the SDK; if any is missing the SDK is left untouched. */
    public abstract List<SdkReference> references();

    /** The advice woven into {@link #sdkType()}, with the methods each applies to. */
    public abstract List<AdviceOn> advice();
}
