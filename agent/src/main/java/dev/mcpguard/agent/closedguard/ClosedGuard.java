package dev.mcpguard.agent.closedguard;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.bootstrap.GuardCounters;

/**
 * A closed client stays closed, and a dead one stays dead: a library that initializes again whenever it is used
 * would otherwise start a new server process or server session after the close, and nobody would close that one.
 */
public final class ClosedGuard {

    /** Part of every refusal of a closed client; the artifact table recognises the refusal by it. */
    public static final String CLOSED_CLIENT_STAYS_CLOSED = "A closed MCP client stays closed";

    /** Part of every refusal, closed or dead client: what was refused never reached the server. */
    public static final String REFUSED = "' refused";

    private ClosedGuard() {
    }

    /** Why {@code action} on {@code session} is refused, as the error to fail it with; null when it may go on. */
    public static IllegalStateException refusal(GuardedSession session, String action) {
        String refusal;
        if (session.closeBegan()) {
            refusal = session + " is closed; '" + action + REFUSED + ". " + CLOSED_CLIENT_STAYS_CLOSED
                    + ": build a new client to reconnect.";
        } else if (session.deathCause() != null) {
            refusal = session.deathCause() + "; '" + action + REFUSED + ": build a new client to reconnect.";
        } else {
            return null;
        }
        GuardCounters.increment(GuardCounters.RESURRECTIONS_REFUSED);
        GuardLog.debug(refusal);
        return new IllegalStateException(refusal);
    }

    /** A server process a closed session's last initialization started too late: it must not run. */
    public static boolean refusesLateServer(GuardedSession session) {
        if (!session.closeBegan()) {
            return false;
        }
        GuardCounters.increment(GuardCounters.RESURRECTIONS_REFUSED);
        GuardLog.debug(session + " is closed; terminating the server process its last initialization started");
        return true;
    }
}
