package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.List;

/**
 * A host that retries {@code initialize()} after it timed out, on the same client: the SDK connects the same stdio
 * transport again, starting a second server process while the first still runs. Arguments: {@code stdio <server>}
 * (a server that never answers, so every initialization times out). Reports {@code firstFailure},
 * {@code retryFailure}, {@code firstServerGone} (the first server process ended within 5 s of the retry),
 * {@code laterCall} (a call after the retry: its failure) and {@code closed}.
 */
public final class InitializeRetried extends ScenarioApp {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    public static void main(String[] args) {
        new InitializeRetried().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        Scenarios.watchChildren(report);
        McpSyncClient client = McpClient.sync(Transports.create(args[0], args[1]))
                .initializationTimeout(TIMEOUT)
                .requestTimeout(TIMEOUT)
                .build();
        report.put("firstFailure", failureOf(client::initialize));
        List<Long> firstServer = Scenarios.liveChildren();
        report.put("firstServers", firstServer.size());

        report.put("retryFailure", failureOf(client::initialize));
        report.put("firstServerGone", Scenarios.awaitGone(firstServer, Duration.ofSeconds(5)));
        report.put("laterCall", failureOf(client::listTools));
        report.put("closed", client.closeGracefully());
        report.noteChildren();
    }

    private static String failureOf(Runnable call) {
        try {
            call.run();
            return "returned";
        } catch (RuntimeException e) {
            return Scenarios.describe(e);
        }
    }
}
