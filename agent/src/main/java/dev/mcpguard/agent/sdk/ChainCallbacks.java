package dev.mcpguard.agent.sdk;

import dev.mcpguard.bootstrap.AdviceErrors;
import java.util.function.Consumer;

/**
 * What the agent adds to a host's Reactor chain runs inside the host's signals, where anything it throws would
 * replace the host's value or error with the agent's own. So it is held to the rule of advice: a throwable is caught,
 * counted in {@link AdviceErrors} and logged at DEBUG there, and the host's signal goes on unchanged.
 */
final class ChainCallbacks {

    private ChainCallbacks() {
    }

    static Runnable safe(Runnable callback) {
        return () -> {
            try {
                callback.run();
            } catch (Throwable t) {
                AdviceErrors.record(t);
            }
        };
    }

    static <T> Consumer<T> safe(Consumer<T> callback) {
        return value -> {
            try {
                callback.accept(value);
            } catch (Throwable t) {
                AdviceErrors.record(t);
            }
        };
    }
}
