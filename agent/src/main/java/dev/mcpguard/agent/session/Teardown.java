package dev.mcpguard.agent.session;

import java.util.concurrent.CompletableFuture;

/**
 * What it takes to make a session's resources go away: how to tell that the library's own close has released
 * them, how to remove what the library leaves behind, and how to end everything forcibly when the close does not
 * finish within its bound. The implementations ({@code termination/}) know processes and HTTP clients; which one a
 * session gets is its library's choice.
 */
public interface Teardown {

    /** Called on the owner right before the library's close runs: remember what must be gone afterwards. */
    void beforeClose();

    /** Completes when the library's own close has released the transport's resources. */
    CompletableFuture<?> released();

    /** The bound was hit: end everything now. Returns what was done, for the one WARN line, or null if nothing. */
    String forceRelease();

    /**
     * The close is over: remove what the library leaves behind. {@code sdkCloseFinished} is false after a plain
     * {@code close()}, whose work the library goes on with in the background.
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
