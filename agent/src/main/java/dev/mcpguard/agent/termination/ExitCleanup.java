package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.thread.AgentThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One shutdown hook that, when the JVM exits, closes every session still open and waits for every close already under
 * way (another shutdown hook, such as Spring's context close, may have begun one), within the close timeout.
 */
public final class ExitCleanup {

    private ExitCleanup() {
    }

    public static void install(SessionRegistry registry, CloseMarshaller closer, Duration timeout) {
        Thread hook = AgentThreads.newThread(() -> closeAll(registry, closer, timeout), "mcp-guard-exit");
        hook.setContextClassLoader(null);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void closeAll(SessionRegistry registry, CloseMarshaller closer, Duration timeout) {
        List<GuardedSession> live = registry.unfinished();
        if (live.isEmpty()) {
            return;
        }
        GuardLog.debug("JVM exit: closing " + live.size() + " MCP session(s) left open or still closing");
        List<CompletableFuture<Boolean>> closes = new ArrayList<>();
        // closeNow begins a close, or joins the one under way.
        live.forEach(session -> closes.add(closer.closeNow(session)));
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
                    .get(timeout.plus(CloseMarshaller.TERMINATION_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            live.forEach(session -> session.teardown().forceRelease());
        }
    }
}
