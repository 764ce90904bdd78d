package dev.mcpguard.agent.liveness;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.WeakIdentityMap;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.function.ToIntFunction;

/**
 * When a server process exits on its own, a client library typically only stops sending: every pending request
 * waits out its full timeout, and so does every later one. The agent fails the pending requests at once with the
 * exit code, and marks the session dead so that later calls are refused at once too. A process the agent ended
 * itself (the stale server of a transport that connects again) did not die: its exit says nothing about the session.
 */
public final class Liveness {

    private static final WeakIdentityMap<Boolean> ENDED_BY_AGENT = new WeakIdentityMap<>();

    private Liveness() {
    }

    /** The agent is about to end {@code process} itself: its exit is not the server dying. */
    public static void endingOnPurpose(Process process) {
        ENDED_BY_AGENT.put(process, Boolean.TRUE);
    }

    /**
     * @param failPending fails the session's pending requests with the given cause and says how many there were; it
     *     is the library's, since only the library knows where its pending requests are
     */
    public static void watch(GuardedSession session, Process process, ToIntFunction<String> failPending) {
        process.onExit().thenAccept(exited -> {
            if (!session.closeBegan() && ENDED_BY_AGENT.get(process) == null) {
                serverExited(session, exited.exitValue(), exited.pid(), failPending);
            }
        });
    }

    private static void serverExited(GuardedSession session, int exitCode, long pid,
            ToIntFunction<String> failPending) {
        String cause = "the MCP server process of " + session + " (pid " + pid + ") exited with code " + exitCode;
        session.died(cause);
        GuardCounters.increment(GuardCounters.SERVERS_EXITED);
        int failed = failPending.applyAsInt(cause);
        GuardLog.debug(cause + "; failed " + failed + " pending request(s)");
    }
}
