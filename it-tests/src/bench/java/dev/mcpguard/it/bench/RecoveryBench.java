package dev.mcpguard.it.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recovery of a gateway ({@link BenchGateway}, both ways of reconnecting, side by side in this JVM) from a real
 * Streamable HTTP server-everything that this program starts, kills with SIGKILL and starts again.
 *
 * <p>{@code restart <servers dir> <bench dir> <side> <restarts> <down ms>}: the server is killed, stays down for
 * {@code <down ms>}, and is started again on the same port; timed is the time from the server being back (the first
 * TCP connection it accepts, polled every 2 ms) to each gateway's next successful request. Appends one sample (ms)
 * per restart and gateway to {@code recovery-restart-<gateway>-<side>.txt}.
 *
 * <p>{@code gone <servers dir> <bench dir> <side> <seconds>}: each gateway talks to the server through its own
 * {@link CountingProxy}; the server is killed for good, and the connections each gateway opens in the next
 * {@code <seconds>} are counted at its proxy and scaled to one minute: one sample (attempts per minute) per run in
 * {@code recovery-gone-<gateway>-<side>.txt}.
 *
 * <p>Gateways: {@code keep} and {@code rebuild} (see {@link BenchGateway}) are connected when the server goes away;
 * {@code late} keeps its client too but starts right after the server went away (a gateway restarted meanwhile, or
 * a new session), so its first initialization finds the server gone: the case the agent's reconnect budget is
 * built for. In {@code restart} a new {@code late} gateway starts after each kill. Ends with {@code System.exit}.
 */
public final class RecoveryBench {

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final int WARM_UP_REQUESTS = 5;
    /** The gateway that starts while the server is down: its first initialization finds the server gone. */
    private static final String LATE = "late";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path serversDir = Path.of(args[1]);
        Path benchDir = Path.of(args[2]);
        String side = args[3];
        int status;
        if (mode.equals("restart")) {
            status = restart(serversDir, benchDir, side, Integer.parseInt(args[4]), Long.parseLong(args[5]));
        } else if (mode.equals("gone")) {
            status = gone(serversDir, benchDir, side, Integer.parseInt(args[4]));
        } else {
            throw new IllegalArgumentException("mode is restart or gone, not " + mode);
        }
        System.out.flush();
        System.exit(status);
    }

    private static int restart(Path serversDir, Path benchDir, String side, int restarts, long downMillis)
            throws InterruptedException {
        Map<String, List<Double>> recoveries = new LinkedHashMap<>();
        try (NodeServer server = NodeServer.start(serversDir, benchDir.resolve("recovery-server-" + side + ".log"))) {
            List<BenchGateway> gateways = List.of(BenchGateway.start("keep", "keep", server.url() + "/mcp"),
                    BenchGateway.start("rebuild", "rebuild", server.url() + "/mcp"));
            try {
                for (BenchGateway gateway : gateways) {
                    recoveries.put(gateway.name(), new ArrayList<>());
                    if (!gateway.awaitSuccesses(WARM_UP_REQUESTS, WARM_UP_LIMIT)) {
                        System.out.println("MCPGUARD-BENCH recovery never connected: " + gateway.describe());
                        return 1;
                    }
                }
                recoveries.put(LATE, new ArrayList<>());
                for (int i = 1; i <= restarts; i++) {
                    server.kill();
                    try (BenchGateway late = BenchGateway.start(LATE, "keep", server.url() + "/mcp")) {
                        Thread.sleep(downMillis);
                        long back = server.restart();
                        List<BenchGateway> all = new ArrayList<>(gateways);
                        all.add(late);
                        for (BenchGateway gateway : all) {
                            long success = gateway.firstSuccessAfter(back, RECOVERY_LIMIT);
                            if (success < 0) {
                                System.out.println("MCPGUARD-BENCH recovery not recovered within " + RECOVERY_LIMIT
                                        + ": " + gateway.describe());
                                return 1;
                            }
                            recoveries.get(gateway.name()).add((success - back) / 1e6);
                        }
                        System.out.println("MCPGUARD-BENCH recovery " + late.describe());
                    }
                    // Each gateway serves a few requests on the restarted server before the next kill.
                    for (BenchGateway gateway : gateways) {
                        gateway.awaitSuccesses(gateway.successes() + 3, RECOVERY_LIMIT);
                    }
                }
            } finally {
                for (BenchGateway gateway : gateways) {
                    gateway.close();
                    System.out.println("MCPGUARD-BENCH recovery gateway " + gateway.describe());
                }
            }
        }
        for (Map.Entry<String, List<Double>> entry : recoveries.entrySet()) {
            Samples samples = Samples.of(entry.getValue());
            samples.appendTo(benchDir.resolve("recovery-restart-" + entry.getKey() + "-" + side + ".txt"));
            System.out.println("MCPGUARD-BENCH recovery restart " + entry.getKey() + " " + side + " down=" + downMillis
                    + "ms " + samples.summary());
        }
        return 0;
    }

    private static int gone(Path serversDir, Path benchDir, String side, int seconds) throws InterruptedException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (NodeServer server = NodeServer.start(serversDir, benchDir.resolve("recovery-server-" + side + ".log"));
                CountingProxy keepProxy = new CountingProxy(server.port());
                CountingProxy rebuildProxy = new CountingProxy(server.port());
                CountingProxy lateProxy = new CountingProxy(server.port())) {
            List<BenchGateway> gateways = new ArrayList<>(List.of(
                    BenchGateway.start("keep", "keep", keepProxy.url() + "/mcp"),
                    BenchGateway.start("rebuild", "rebuild", rebuildProxy.url() + "/mcp")));
            try {
                for (BenchGateway gateway : gateways) {
                    if (!gateway.awaitSuccesses(WARM_UP_REQUESTS, WARM_UP_LIMIT)) {
                        System.out.println("MCPGUARD-BENCH recovery never connected: " + gateway.describe());
                        return 1;
                    }
                }
                server.kill();
                keepProxy.takeCount();
                rebuildProxy.takeCount();
                lateProxy.takeCount();
                long start = System.nanoTime();
                gateways.add(BenchGateway.start(LATE, "keep", lateProxy.url() + "/mcp"));
                Thread.sleep(seconds * 1000L);
                double minutes = (System.nanoTime() - start) / 60e9;
                counts.put("keep", (int) Math.round(keepProxy.takeCount() / minutes));
                counts.put("rebuild", (int) Math.round(rebuildProxy.takeCount() / minutes));
                counts.put(LATE, (int) Math.round(lateProxy.takeCount() / minutes));
            } finally {
                for (BenchGateway gateway : gateways) {
                    gateway.close();
                    System.out.println("MCPGUARD-BENCH recovery gateway " + gateway.describe());
                }
            }
        }
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            Samples.of(List.of((double) entry.getValue()))
                    .appendTo(benchDir.resolve("recovery-gone-" + entry.getKey() + "-" + side + ".txt"));
            System.out.println(String.format(Locale.ROOT, "MCPGUARD-BENCH recovery gone %s %s %d attempts/min (%d s)",
                    entry.getKey(), side, entry.getValue(), seconds));
        }
        return 0;
    }
}
