package dev.mcpguard.bootstrap;

import java.lang.instrument.Instrumentation;

/**
 * The agent's start, as {@link AgentEntry} calls it across the isolated class loader. The agent's implementation
 * offers itself from its class initializer, which the entry runs with {@code Class.forName}: a first reflective call
 * costs a JDK 18+ JVM about 10 ms of spun method handles, on the host's main thread, at premain; a class initializer
 * a fraction of a millisecond.
 */
public abstract class AgentStart {

    private static volatile AgentStart offered;

    /** Called by the implementation's class initializer. */
    protected static void offer(AgentStart start) {
        offered = start;
    }

    /** The start the last initialized implementation offered, or null. */
    public static AgentStart offered() {
        return offered;
    }

    /** Returns a refusal message when strict mode refuses to let the JVM run, otherwise null. */
    public abstract String start(String arguments, Instrumentation instrumentation, String how) throws Exception;
}
