package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpSyncClient;

/**
 * A host whose own shutdown hook still serves requests while the JVM shuts down, as Spring Boot's graceful
 * shutdown does while Kubernetes drains a pod: {@code delayMs} into the shutdown it calls echo, then closes its
 * client. Arguments: {@code <stdio|streamable> <target> <delayMs>}. The main report comes when main returns (the
 * session still open); main then calls {@code System.exit(0)}, and the hook prints a {@link #HOOK_PREFIX} line with
 * {@code call} ("ok" or the failure), {@code closed} (what closeGracefully returned) and {@code hookMs}.
 */
public final class DrainAtShutdown extends ScenarioApp {

    public static final String HOOK_PREFIX = "MCPGUARD-IT-DRAIN";

    public static void main(String[] args) {
        new DrainAtShutdown().launch(args);
        System.exit(0);
    }

    @Override
    protected boolean childrenEndBeforeExit() {
        return false;
    }

    @Override
    protected void run(String[] args, Report report) {
        McpSyncClient client = Clients.initializedAndQuiet(args[0], args[1]);
        report.noteChildren();
        long delayMillis = Long.parseLong(args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(client, delayMillis), "host-drain"));
    }

    private static void drain(McpSyncClient client, long delayMillis) {
        long start = System.nanoTime();
        Report hook = new Report();
        try {
            // The host's own drain: requests still arriving while the pod is taken out of service.
            Thread.sleep(delayMillis);
            client.callTool(Clients.ECHO);
            hook.put("call", "ok");
        } catch (InterruptedException e) {
            hook.put("call", "interrupted");
        } catch (RuntimeException e) {
            hook.put("call", Scenarios.describe(e));
        }
        hook.put("closed", client.closeGracefully());
        hook.put("hookMs", Scenarios.millisSince(start));
        System.out.println(hook.line(HOOK_PREFIX));
        System.out.flush();
    }
}
