package dev.mcpguard.bootstrap;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's running figures (sessions opened, closes marshalled, forced terminations, ...), kept where every
 * class loader and every tool (tests, the status command, JMX) can read them.
 */
public final class GuardCounters {

    // The names, one place for the code that counts, the code that reads (status, tests) and the README.
    public static final String SESSIONS_OPENED = "sessions.opened";
    public static final String SESSIONS_ADOPTED = "sessions.adopted";
    /** Sessions whose close began. */
    public static final String SESSIONS_CLOSED = "sessions.closed";
    public static final String CLOSES_MARSHALLED = "closes.marshalled";
    /** Closes handed to the owner without waiting, where waiting is itself the defect. */
    public static final String CLOSES_HANDED_OVER = "closes.handed-over";
    public static final String TERMINATIONS_FORCED = "terminations.forced";
    public static final String PROCESSES_REAPED = "processes.reaped";
    public static final String OWNERS_STALLED = "owners.stalled";
    public static final String OWNERS_ABANDONED = "owners.abandoned";
    /** Calls, (re-)initializations and late server processes of a closed client that were refused. */
    public static final String RESURRECTIONS_REFUSED = "resurrections.refused";
    public static final String SERVERS_EXITED = "servers.exited";
    /** Legacy HTTP+SSE sessions whose event stream ended while open, forgotten so that the next call opens anew. */
    public static final String SESSIONS_HEALED = "sessions.healed";
    /** Streamable HTTP calls failed because their response stream ended before their response, not resumed. */
    public static final String HTTP_STREAMS_ENDED = "http.streams.ended";
    /** Keepalive pings answered, and those that failed or went unanswered for a whole interval. */
    public static final String KEEPALIVE_PINGS = "keepalive.pings";
    public static final String KEEPALIVE_FAILED = "keepalive.failed";
    /** Pending entries of requests that timed out or were cancelled, dropped (the SDK keeps them for good). */
    public static final String REQUESTS_DROPPED = "requests.dropped";
    /** Transport sessions whose close failed (their DELETE) and whose connections the agent disposed. */
    public static final String CONNECTIONS_DISPOSED = "connections.disposed";
    /** Followed by the signature's name: {@code artifacts.suppressed.session-terminated}. */
    public static final String ARTIFACTS_SUPPRESSED = "artifacts.suppressed.";
    public static final String FAILURES_REAL = "failures.real";
    public static final String FAILURES_ARTIFACT_STREAK = "failures.artifact-streak";
    public static final String BUDGET_CONSUMED = "budget.consumed";
    public static final String ATTEMPTS_REFUSED = "attempts.refused";
    /** Initializations that waited for their server's next attempt instead of being refused. */
    public static final String ATTEMPTS_DELAYED = "attempts.delayed";
    /** Servers that refused connections seen listening again, which ended their budget's wait. */
    public static final String SERVERS_BACK = "servers.back";
    public static final String CIRCUITS_OPENED = "circuits.opened";
    public static final String CIRCUITS_CLOSED = "circuits.closed";
    /** A library's retries of a tool call that may have reached the server, not made: the call's error went on. */
    public static final String TOOL_RETRIES_REFUSED = "tool-retries.refused";
    public static final String INSTRUMENTATION_ERRORS = "instrumentation.errors";

    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private GuardCounters() {
    }

    public static void increment(String name) {
        COUNTERS.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    public static long get(String name) {
        AtomicLong counter = COUNTERS.get(name);
        return counter == null ? 0 : counter.get();
    }

    /** Every counter that has moved, by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        COUNTERS.forEach((name, value) -> copy.put(name, value.get()));
        return copy;
    }
}
