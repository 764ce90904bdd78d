package dev.mcpguard.agent.install;

import dev.mcpguard.agent.config.Feature;
import java.util.List;

/**
 * The advice one feature weaves into one class: a library's or, for a host's declared reconnect loop, the host's
 * own. The target is named exactly (by class name only, so start-up stays cheap); a library's instrumentation
 * declares every member of the library it relies on and keeps its advice thin: the advice hands over to the
 * bootstrap API and decides nothing.
 */
public abstract class ClassInstrumentation {

    private final Feature feature;
    private final String type;
    private final String target;

    /**
     * @param type the binary name of the class woven
     * @param target the methods woven, for the banner, e.g. {@code McpAsyncClient.close, closeGracefully}
     */
    protected ClassInstrumentation(Feature feature, String type, String target) {
        this.feature = feature;
        this.type = type;
        this.target = target;
    }

    public final Feature feature() {
        return feature;
    }

    public final String target() {
        return target;
    }

    /** The binary name of the class woven. */
    public final String type() {
        return type;
    }

    /**
     * Everything the advice and the runtime need from the library; if any is missing the library is left untouched
     * as a whole. None for a host's own class.
     */
    public abstract List<Reference> references();

    /** The advice woven into {@link #type()}, with the methods each applies to. */
    public abstract List<AdviceOn> advice();

    /** After the banner: says, at most once each, what this instrumentation finds nothing to weave in. */
    public void checkTargets(ClassLoader loader) {
    }
}
