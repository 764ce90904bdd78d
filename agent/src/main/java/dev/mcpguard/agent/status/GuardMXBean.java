package dev.mcpguard.agent.status;

import java.util.Map;

/**
 * The live figures of mcp-guard in this JVM, as the platform MBean {@value AgentMarks#MBEAN}. Open types only
 * (strings, numbers, a map, an array of simple composites), so any JMX client reads it without the agent's classes.
 */
public interface GuardMXBean {

    String getVersion();

    /** {@code premain} or {@code agentmain}. */
    String getStartedBy();

    /** The SDK the agent last found and guards, or an empty string before any. */
    String getSdk();

    /** Sessions whose close has not begun. */
    int getSessionsOpen();

    SessionInfo[] getSessions();

    /** {@code GuardCounters.snapshot()}: every counter that has moved. */
    Map<String, Long> getCounters();

    /** Throwables the advice suppressed instead of throwing into the application; should stay 0. */
    long getAdviceErrors();
}
