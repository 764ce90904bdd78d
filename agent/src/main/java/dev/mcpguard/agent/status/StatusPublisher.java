package dev.mcpguard.agent.status;

import dev.mcpguard.agent.json.Json;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.thread.AgentThreads;
import dev.mcpguard.bootstrap.StatusRequests;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Makes the live figures readable from outside: on request of the status command, as a JSON snapshot in the system
 * property {@value AgentMarks#STATUS}, which the command reads through the attach API, so that nothing is started
 * in the JVM (a local JMX connector, once started, cannot be stopped and would stay open for its whole life); and as
 * the {@link GuardStatus} MBean on the platform MBean server, for JConsole and VisualVM.
 *
 * <p>After an attach the application is long up, and the MBean is registered at once. At premain it is not: creating the
 * platform MBean server initializes {@code java.util.logging}'s LogManager, and an application that installs its
 * own LogManager in {@code main} (JBoss Modules, WildFly) fails if an agent got there first; Datadog and Elastic
 * delay their JMX work for that reason. So at premain a daemon thread waits until someone else created an MBean
 * server (the application, JConsole) or {@link #PREMAIN_DELAY} passed, whichever comes first. The status command
 * does not wait for it: its snapshot needs no MBean server.
 */
public final class StatusPublisher {

    static final Duration PREMAIN_DELAY = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    private StatusPublisher() {
    }

    public static void publish(GuardMXBean status, boolean atPremain) {
        StatusRequests.answerWith(nonce -> answer(status, nonce));
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

    private static void answer(GuardMXBean status, String nonce) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(StatusSnapshot.NONCE, nonce);
        answer.putAll(StatusSnapshot.of(status).toMap());
        System.setProperty(AgentMarks.STATUS, Json.write(answer));
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
