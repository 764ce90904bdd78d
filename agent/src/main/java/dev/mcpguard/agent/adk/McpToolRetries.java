package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpTool.runAsync}'s retry (and {@code McpAsyncTool}'s) runs the call again, on a new session, after any error, up to three times: a
 * call the server received and ran (or is still running) runs twice, and a real failure makes three new sessions
 * before it reaches the caller. The retry goes on only for a call that never reached the server; otherwise the
 * retry step throws the call's own error, which RxJava hands to the caller instead of a retry. That throwable is
 * the step's deliberate outcome; anything the advice itself throws is still suppressed.
 */
public final class McpToolRetries extends LibraryInstrumentation {

    private final LibraryMember retry;

    private McpToolRetries(String type, LibraryMember retry) {
        super(Feature.TOOL_RETRIES, type, type.substring(Adk.PACKAGE.length()) + ".runAsync's retry");
        this.retry = retry;
    }

    static McpToolRetries sync() {
        return new McpToolRetries(Adk.TOOL, Adk.TOOL_RETRY);
    }

    /** {@code McpAsyncTool}'s step returns the new attempt; thrown instead, RxJava's retryWhen ends with it. */
    static McpToolRetries async() {
        return new McpToolRetries(Adk.ASYNC_TOOL, Adk.ASYNC_TOOL_RETRY);
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(retry);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(retry.matcher(), Retry.class));
    }

    static final class Retry {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Throwable enter(@Advice.Argument(0) Throwable error) {
            return AdkHooks.retryRefused(error);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Throwable refused, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refused != null) {
                thrown = refused;
            }
        }
    }
}
