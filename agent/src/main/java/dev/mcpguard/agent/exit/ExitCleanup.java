package dev.mcpguard.agent.exit;

import dev.mcpguard.agent.config.Durations;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.ownership.CloseMarshaller;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.agent.thread.AgentThreads;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One shutdown hook that, when the JVM exits, closes what the application leaves open. It first lets the
 * application's own shutdown run: it waits, at most {@code grace}, for the other shutdown hooks to end (one may be
 * draining requests through a session); then it closes every session still open and waits for every close already
 * under way, within the close timeout. A JVM whose other hooks end at once (or that has none) exits at once.
 */
public final class ExitCleanup {

    private ExitCleanup() {
    }

    public static void install(SessionRegistry registry, CloseMarshaller closer, Duration timeout, Duration grace,
            Instrumentation instrumentation) {
        ShutdownHooks hooks = ShutdownHooks.of(instrumentation);
        Thread hook = AgentThreads.newThread(() -> {
            if (!registry.unfinished().isEmpty() && !hooks.awaitOthers(grace)) {
                GuardLog.debug("JVM exit: the application's other shutdown hooks had not ended within "
                        + Durations.format(grace) + " (or cannot be seen); closing its sessions now");
            }
            closeAll(registry, closer, timeout);
        }, "mcp-guard-exit");
        hook.setContextClassLoader(null);
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The JVM began to exit while the agent was starting: no session can be open, none opens before the
            // start is done.
            GuardLog.debug("JVM exit began during the start; no exit cleanup needed");
        }
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
