package dev.mcpguard.agent.termination;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reflect.Fields;
import dev.mcpguard.agent.reflect.Reactor;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a stdio server exits on its own, the SDK only stops sending: every pending request waits out its full
 * timeout, and so does every later one. The agent fails the pending requests at once with the exit code, and marks
 * the session dead so that later calls are refused at once too. A process the agent ended itself (the stale server
 * of a transport that connects again) did not die: its exit says nothing about the session.
 */
public final class Liveness {

    private static final WeakIdentityMap<Boolean> ENDED_BY_AGENT = new WeakIdentityMap<>();

    private Liveness() {
    }

    /** The agent is about to end {@code process} itself: its exit is not the server dying. */
    static void endingOnPurpose(Process process) {
        ENDED_BY_AGENT.put(process, Boolean.TRUE);
    }

    public static void watch(GuardedSession session, Process process) {
        process.onExit().thenAccept(exited -> {
            if (!session.closeBegan() && ENDED_BY_AGENT.get(process) == null) {
                serverExited(session, exited.exitValue(), exited.pid());
            }
        });
    }

    private static void serverExited(GuardedSession session, int exitCode, long pid) {
        String cause = "the MCP server process of " + session + " (pid " + pid + ") exited with code " + exitCode;
        session.died(cause);
        GuardCounters.increment("servers.exited");
        int failed = failPendingRequests(session, cause);
        GuardLog.debug(cause + "; failed " + failed + " pending request(s)");
    }

    private static int failPendingRequests(GuardedSession session, String cause) {
        Object initializer = session.initializer();
        Object initialization = initializer == null ? null : get(Fields.read(initializer, "initializationRef"));
        Object sdkSession = initialization == null ? null : get(Fields.read(initialization, "mcpClientSession"));
        Object pending = sdkSession == null ? null : Fields.read(sdkSession, "pendingResponses");
        if (!(pending instanceof Map)) {
            return 0;
        }
        Reactor reactor = Reactor.of(sdkSession);
        int failed = 0;
        for (Object sink : new ArrayList<>(((Map<?, ?>) pending).values())) {
            reactor.fail(sink, new IllegalStateException(cause));
            failed++;
        }
        return failed;
    }

    private static Object get(Object atomicReference) {
        return atomicReference instanceof AtomicReference ? ((AtomicReference<?>) atomicReference).get() : null;
    }
}
