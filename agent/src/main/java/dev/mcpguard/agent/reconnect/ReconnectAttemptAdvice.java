package dev.mcpguard.agent.reconnect;

import dev.mcpguard.bootstrap.HostLoopHooks;
import net.bytebuddy.asm.Advice;

/**
 * Woven into each host method named in {@code mcp.guard.reconnect.methods}. When the agent says the attempt failed
 * only with teardown artifacts, the exit advice swallows the throwable and Byte Buddy runs the method body again
 * ({@code repeatOn}), with a fresh start time for the new attempt.
 */
public final class ReconnectAttemptAdvice {

    private ReconnectAttemptAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Local("started") long started) {
        started = HostLoopHooks.attemptStarted();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, repeatOn = Advice.OnNonDefaultValue.class,
            suppress = Throwable.class)
    static boolean exit(@Advice.Origin("#t#m") String method, @Advice.Local("started") long started,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (HostLoopHooks.retry(method, thrown, started)) {
            thrown = null;
            started = HostLoopHooks.attemptStarted();
            return true;
        }
        return false;
    }
}
