package dev.mcpguard.agent.adk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.bootstrap.AdkHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code McpTool.runAsync}'s retry runs the call again, on a new session, after any error, up to three times: a
 * call the server received and ran (or is still running) runs twice, and a real failure makes three new sessions
 * before it reaches the caller. The retry goes on only for a call that never reached the server; otherwise the
 * retry step throws the call's own error, which RxJava hands to the caller instead of a retry. That throwable is
 * the step's deliberate outcome; anything the advice itself throws is still suppressed.
 */
public final class McpToolRetries extends LibraryInstrumentation {

    public McpToolRetries() {
        super(Feature.TOOL_RETRIES, Adk.TOOL, "McpTool.runAsync's retry");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Adk.TOOL_RETRY);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(Adk.TOOL_RETRY.matcher(), Retry.class));
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
