package dev.mcpguard.agent.termination;

import java.util.concurrent.CompletableFuture;

/**
 * What it takes to make a transport's resources go away: how to tell that the SDK's own close has released them,
 * how to remove what the SDK leaves behind, and how to end everything forcibly when the close does not finish
 * within its bound.
 */
public interface Teardown {

    /** Picks the teardown for a transport by its type; transports the agent does not know get none. */
    static Teardown of(Object transport) {
        if (transport == null) {
            return NONE;
        }
        String type = transport.getClass().getName();
        if (type.equals(StdioTeardown.TRANSPORT)) {
            return new StdioTeardown(transport);
        }
        if (type.equals(HttpTeardown.STREAMABLE) || type.equals(HttpTeardown.SSE)) {
            return new HttpTeardown(transport);
        }
        return NONE;
    }

    /** Called on the owner right before the SDK's close runs: remember what must be gone afterwards. */
    void beforeClose();

    /** Completes when the SDK's own close has released the transport's resources. */
    CompletableFuture<?> released();

    /** The bound was hit: end everything now. Returns what was done, for the one WARN line, or null if nothing. */
    String forceRelease();

    /**
     * The close is over: remove what the SDK leaves behind. {@code sdkCloseFinished} is false after a plain
     * {@code close()}, whose work the SDK goes on with in the background.
     */
    void afterClose(boolean sdkCloseFinished);

    Teardown NONE = new Teardown() {
        @Override
        public void beforeClose() {
        }

        @Override
        public CompletableFuture<?> released() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public String forceRelease() {
            return null;
        }

        @Override
        public void afterClose(boolean sdkCloseFinished) {
        }
    };
}
