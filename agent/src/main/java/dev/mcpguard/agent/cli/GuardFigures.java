package dev.mcpguard.agent.cli;

import dev.mcpguard.agent.status.AgentMarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The live figures of a guarded JVM, read from its {@value AgentMarks#MBEAN} MBean as plain open data, so that the
 * command line and the agent share no class but the names.
 */
record GuardFigures(long pid, String version, String startedBy, String sdk, List<Session> sessions,
        Map<String, Long> counters, long adviceErrors) {

    record Session(long id, String transport, String server, String owner, long ageMillis, boolean adopted) {
    }

    private static final String[] ATTRIBUTES =
            {"Version", "StartedBy", "Sdk", "Sessions", "Counters", "AdviceErrors"};
    /** At premain the agent registers its MBean once an MBean server exists; starting the management agent makes one. */
    private static final long REGISTRATION_WAIT_MILLIS = 3_000;

    static GuardFigures read(long pid, MBeanServerConnection server) throws CliFailure {
        try {
            ObjectName name = new ObjectName(AgentMarks.MBEAN);
            long deadline = System.currentTimeMillis() + REGISTRATION_WAIT_MILLIS;
            while (!server.isRegistered(name)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new CliFailure(CliFailure.FAILED, "mcp-guard is loaded in pid " + pid
                            + " but its MBean " + AgentMarks.MBEAN + " is not registered");
                }
                Thread.sleep(100);
            }
            AttributeList values = server.getAttributes(name, ATTRIBUTES);
            Map<String, Object> byName = new TreeMap<>();
            values.asList().forEach(a -> byName.put(a.getName(), a.getValue()));
            List<Session> sessions = new ArrayList<>();
            for (CompositeData row : (CompositeData[]) byName.get("Sessions")) {
                sessions.add(new Session((Long) row.get("id"), (String) row.get("transport"),
                        (String) row.get("server"), (String) row.get("owner"), (Long) row.get("ageMillis"),
                        (Boolean) row.get("adopted")));
            }
            Map<String, Long> counters = new TreeMap<>();
            for (Object row : ((TabularData) byName.get("Counters")).values()) {
                CompositeData entry = (CompositeData) row;
                counters.put((String) entry.get("key"), (Long) entry.get("value"));
            }
            return new GuardFigures(pid, (String) byName.get("Version"), (String) byName.get("StartedBy"),
                    (String) byName.get("Sdk"), List.copyOf(sessions), counters, (Long) byName.get("AdviceErrors"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted while reading the figures of pid " + pid);
        } catch (JMException | java.io.IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read the mcp-guard figures of pid " + pid + " ("
                    + TargetJvm.reason(e) + ")", e);
        }
    }
}
