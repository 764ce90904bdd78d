package dev.mcpguard.it.bench;

import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * What a benchmark fork checks about itself before it may be measured: a fork of the side without the agent has no
 * mcp-guard in it; a fork of the agent's side has it active, with the client classes woven. The proof of weaving is
 * behaviour, not the banner: the benchmark's client was registered by the advice on {@code McpAsyncClient.<init>}
 * (the MBean counts it), and a client closed in the fork refuses its next call, which only the advice on
 * {@code LifecycleInitializer.withInitialization}, the one on the measured path, does. Any mismatch throws, which
 * fails the fork and the run.
 *
 * <p>System properties: {@code mcpguard.bench.side} ({@code raw} or {@code agent}, required) and
 * {@code mcpguard.bench.verified} (a file the fork appends one line to once it has passed).
 */
final class AgentInFork {

    static final String SIDE = "mcpguard.bench.side";
    static final String VERIFIED = "mcpguard.bench.verified";
    private static final String MBEAN = "mcp.guard:type=Guard";
    /** At premain the agent registers its MBean once someone created the platform MBean server (polling 100 ms). */
    private static final long MBEAN_WAIT_MILLIS = 15_000;

    private final boolean agent;

    private AgentInFork(boolean agent) {
        this.agent = agent;
    }

    static AgentInFork fromSystemProperties() {
        String side = System.getProperty(SIDE);
        if (!"raw".equals(side) && !"agent".equals(side)) {
            throw new IllegalStateException("-D" + SIDE + "=raw|agent is required (HotPath sets it), not " + side);
        }
        return new AgentInFork(side.equals("agent"));
    }

    void checkBeforeOpening() {
        String version = System.getProperty("mcpguard.agent.version");
        String state = System.getProperty("mcpguard.agent.state");
        if (!agent && version != null) {
            throw new IllegalStateException("the fork without the agent has mcp-guard " + version + " in it");
        }
        // The agent starts its runtime when the SDK's first class loads, so before the first client its state may
        // not be set yet; the checks after opening prove it active and woven.
        if (agent && (version == null || (state != null && !"active".equals(state)))) {
            throw new IllegalStateException("the agent's fork has mcp-guard " + (version == null ? "not loaded"
                    : state + ": " + System.getProperty("mcpguard.agent.summary")));
        }
    }

    /** @param newClient a client of the benchmark's server, not yet initialized */
    void checkAfterOpening(Supplier<McpSyncClient> newClient) {
        try {
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(MBEAN);
            if (!agent) {
                if (mbeans.isRegistered(name)) {
                    throw new IllegalStateException("the fork without the agent has the MBean " + MBEAN);
                }
                record("raw: no mcp-guard (no mcpguard.agent.* property, no MBean)");
                return;
            }
            long deadline = System.currentTimeMillis() + MBEAN_WAIT_MILLIS;
            while (!mbeans.isRegistered(name)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("mcp-guard registered no MBean " + MBEAN + " within "
                            + MBEAN_WAIT_MILLIS + " ms");
                }
                Thread.sleep(50);
            }
            int open = (Integer) mbeans.getAttribute(name, "SessionsOpen");
            if (open < 1 || counters(mbeans, name).getOrDefault("sessions.opened", 0L) < 1) {
                throw new IllegalStateException("McpAsyncClient is not woven: the benchmark's session is not"
                        + " registered (SessionsOpen " + open + ", counters " + counters(mbeans, name) + ")");
            }
            McpSyncClient probe = newClient.get();
            probe.initialize();
            probe.closeGracefully();
            String refusal = null;
            try {
                probe.ping();
            } catch (RuntimeException e) {
                refusal = String.valueOf(e.getMessage());
            }
            Map<String, Long> counters = counters(mbeans, name);
            if (refusal == null || !refusal.contains("refused") || counters.getOrDefault("resurrections.refused", 0L) < 1) {
                throw new IllegalStateException("LifecycleInitializer.withInitialization is not woven: a closed"
                        + " client's ping was " + (refusal == null ? "answered" : "failed with '" + refusal + "'")
                        + "; counters " + counters);
            }
            long adviceErrors = (Long) mbeans.getAttribute(name, "AdviceErrors");
            if (adviceErrors != 0 || counters.getOrDefault("instrumentation.errors", 0L) != 0) {
                throw new IllegalStateException("mcp-guard reports " + adviceErrors + " advice errors, counters "
                        + counters);
            }
            record("agent: mcp-guard " + mbeans.getAttribute(name, "Version") + " active ("
                    + mbeans.getAttribute(name, "StartedBy") + "), sessions open " + open + ", a closed client's"
                    + " call refused; counters " + counters);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot check mcp-guard in this fork: " + e, e);
        }
    }

    private static Map<String, Long> counters(MBeanServer mbeans, ObjectName name) throws Exception {
        Map<String, Long> counters = new HashMap<>();
        for (Object row : ((TabularData) mbeans.getAttribute(name, "Counters")).values()) {
            CompositeData entry = (CompositeData) row;
            counters.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return counters;
    }

    private static void record(String line) {
        String text = "MCPGUARD-BENCH hotpath fork verified: " + line;
        System.out.println(text);
        String file = System.getProperty(VERIFIED);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), text + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
