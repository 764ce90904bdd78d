package dev.mcpguard.agent.status;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.thread.AgentThreads;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Registers the {@link GuardStatus} MBean on the platform MBean server.
 *
 * <p>After an attach the application is long up, and it is registered at once. At premain it is not: creating the
 * platform MBean server initializes {@code java.util.logging}'s LogManager, and an application that installs its
 * own LogManager in {@code main} (JBoss Modules, WildFly) fails if an agent got there first; Datadog and Elastic
 * delay their JMX work for that reason. So at premain a daemon thread waits until someone else created an MBean
 * server (the application, JConsole, the {@code status} command starting the management agent) or
 * {@link #PREMAIN_DELAY} passed, whichever comes first.
 */
public final class StatusPublisher {

    static final Duration PREMAIN_DELAY = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    private StatusPublisher() {
    }

    public static void publish(GuardMXBean status, boolean atPremain) {
        if (!atPremain) {
            register(status);
            return;
        }
        Thread waiter = AgentThreads.newThread(() -> {
            long deadline = System.nanoTime() + PREMAIN_DELAY.toNanos();
            try {
                while (System.nanoTime() < deadline && MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // findMBeanServer refused (a security manager): fall through and try to register anyway
            }
            register(status);
        }, "mcp-guard-status");
        waiter.start();
    }

    private static void register(GuardMXBean status) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(status, new ObjectName(AgentMarks.MBEAN));
            GuardLog.debug("registered the MBean " + AgentMarks.MBEAN);
        } catch (Exception | LinkageError e) {
            // The figures are a convenience; the guard works without them.
            GuardLog.debug("could not register the MBean " + AgentMarks.MBEAN + " (" + e + ")");
        }
    }
}
