package dev.mcpguard.it.bench;

import dev.mcpguard.it.app.Clients;
import io.modelcontextprotocol.client.McpSyncClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The JVM run.sh attaches mcp-guard to: it opens its sessions without the agent (Streamable HTTP, initialized,
 * one after the other), prints {@code MCPGUARD-BENCH attach ready pid=...}, and watches its own system properties:
 * the agent sets {@code mcpguard.agent.version} as soon as its code runs here and {@code mcpguard.agent.state=active}
 * last, after weaving and retransforming; it prints both moments ({@code startedEpochNanos}, {@code epochNanos}, the
 * clock of {@code date +%s%N}). Once run.sh creates
 * the signal file (after the attach command ended, so that nothing here competes with it), it checks what the agent
 * says it did (started by agentmain; the SDK client classes retransformed, none failed) and that it did it: every
 * session, opened before the attach, is adopted when it closes. Prints {@code MCPGUARD-BENCH attach verified ...},
 * or {@code MCPGUARD-BENCH attach failed: ...} and exits 1.
 *
 * <p>Arguments: {@code <server url> <sessions> <signal file>}.
 */
public final class AttachTarget {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** Polling the property every millisecond costs the attach next to nothing and bounds the error to 1 ms. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Pattern INSTALL_MILLIS = Pattern.compile("installing took (\\d+) ms");
    private static final List<String> WOVEN = List.of("LifecycleInitializer", "McpAsyncClient", "McpSyncClient");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        Path signal = Path.of(args[2]);
        try {
            run(url, count, signal);
        } catch (Exception | AssertionError e) {
            System.out.println("MCPGUARD-BENCH attach failed: " + e);
            e.printStackTrace();
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String url, int count, Path signal) throws Exception {
        if (System.getProperty("mcpguard.agent.version") != null) {
            throw new IllegalStateException("mcp-guard is already in this JVM; it must start without it");
        }
        long start = System.nanoTime();
        List<McpSyncClient> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            McpSyncClient client = Clients.sync("streamable", url);
            client.initialize();
            sessions.add(client);
        }
        System.out.println("MCPGUARD-BENCH attach ready pid=" + ProcessHandle.current().pid() + " sessions=" + count
                + " openedMs=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        System.out.flush();

        // The agent sets its version first thing and its state last, after weaving and retransforming.
        awaitProperty("mcpguard.agent.version");
        long started = epochNanos();
        String state = awaitProperty("mcpguard.agent.state");
        long active = epochNanos();
        System.out.println("MCPGUARD-BENCH attach active startedEpochNanos=" + started + " epochNanos=" + active
                + " state=" + state);
        System.out.flush();
        if (!"active".equals(state)) {
            throw new IllegalStateException("mcp-guard is " + state + ": " + System.getProperty("mcpguard.agent.summary"));
        }

        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!Files.exists(signal)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no signal file " + signal);
            }
            Thread.sleep(20);
        }

        String summary = System.getProperty("mcpguard.agent.summary", "");
        String retransformed = summary.lines().map(String::trim).filter(l -> l.startsWith("retransformed "))
                .findFirst().orElseThrow(() -> new IllegalStateException("the banner names no retransformed class: "
                        + summary));
        if (!summary.contains("started (agentmain") || retransformed.contains("failed")
                || !WOVEN.stream().allMatch(retransformed::contains)) {
            throw new IllegalStateException("unexpected banner: " + summary);
        }
        Matcher install = INSTALL_MILLIS.matcher(retransformed);
        if (!install.find()) {
            throw new IllegalStateException("the banner does not say how long installing took: " + retransformed);
        }

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName guard = new ObjectName("mcp.guard:type=Guard");
        if (!"agentmain".equals(mbeans.getAttribute(guard, "StartedBy"))) {
            throw new IllegalStateException("the MBean says it started by " + mbeans.getAttribute(guard, "StartedBy"));
        }
        long closing = System.nanoTime();
        int refused = 0;
        for (McpSyncClient client : sessions) {
            refused += client.closeGracefully() ? 0 : 1;
        }
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
        long adopted = counter(mbeans, guard, "sessions.adopted");
        long marshalled = counter(mbeans, guard, "closes.marshalled");
        long adviceErrors = (Long) mbeans.getAttribute(guard, "AdviceErrors");
        if (adopted != count || marshalled < count || adviceErrors != 0 || refused != 0) {
            throw new IllegalStateException("the retransformed classes did not guard the sessions opened before the"
                    + " attach: adopted " + adopted + ", closes marshalled " + marshalled + " of " + count
                    + ", advice errors " + adviceErrors + ", closeGracefully false " + refused);
        }
        System.out.println("MCPGUARD-BENCH attach verified sessions=" + count + " adopted=" + adopted
                + " marshalled=" + marshalled + " installMs=" + install.group(1) + " closeAllMs=" + closeMillis
                + " | " + retransformed);
        System.out.flush();
    }

    /** The clock of {@code date +%s%N}. */
    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String awaitProperty(String key) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String value;
        while ((value = System.getProperty(key)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + key + " within 120 s: nobody attached mcp-guard");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return value;
    }

    private static long counter(MBeanServer mbeans, ObjectName guard, String name) throws Exception {
        for (Object row : ((TabularData) mbeans.getAttribute(guard, "Counters")).values()) {
            CompositeData entry = (CompositeData) row;
            if (name.equals(entry.get("key"))) {
                return (Long) entry.get("value");
            }
        }
        return 0;
    }
}
