package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A host whose threads keep calling one client while its server is down. A call that finds an initialization under
 * way joins it, so each call lasts as long as the initialization it started or joined, and that one must fail as
 * soon as the attempt does, never wait out the initialization timeout. Arguments: {@code <url> <threads> <seconds>}.
 * Reports {@code firstFailure} (the first call, alone), {@code calls}, {@code slowestMs}, {@code slowestFailure}
 * and {@code slowCalls} (calls that took a second or more).
 */
public final class ConcurrentCallsServerDown extends ScenarioApp {

    /** Far above what any failing attempt takes, so a call that waits it out is unmistakable. */
    static final Duration INITIALIZATION_TIMEOUT = Duration.ofSeconds(8);
    private static final long SLOW_MS = 1_000;

    public static void main(String[] args) {
        new ConcurrentCallsServerDown().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws InterruptedException {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(args[0]).build())
                .initializationTimeout(INITIALIZATION_TIMEOUT)
                .requestTimeout(INITIALIZATION_TIMEOUT)
                .build();
        int threads = Integer.parseInt(args[1]);
        long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        try {
            try {
                client.initialize();
                report.put("firstFailure", "none");
            } catch (RuntimeException e) {
                report.put("firstFailure", Scenarios.describe(e));
            }
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger slowCalls = new AtomicInteger();
            AtomicLong slowestMs = new AtomicLong();
            AtomicReference<String> slowestFailure = new AtomicReference<>("");
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread caller = new Thread(() -> {
                    awaitQuietly(start);
                    while (System.nanoTime() < until) {
                        long begin = System.nanoTime();
                        String failure = "returned";
                        try {
                            client.listTools();
                        } catch (RuntimeException e) {
                            failure = Scenarios.describe(e);
                        }
                        long ms = Scenarios.millisSince(begin);
                        calls.incrementAndGet();
                        if (ms >= SLOW_MS) {
                            slowCalls.incrementAndGet();
                        }
                        synchronized (slowestMs) {
                            if (ms >= slowestMs.get()) {
                                slowestMs.set(ms);
                                slowestFailure.set(failure);
                            }
                        }
                    }
                }, "caller-" + i);
                caller.start();
                callers.add(caller);
            }
            start.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            report.put("calls", calls.get());
            report.put("slowCalls", slowCalls.get());
            report.put("slowestMs", slowestMs.get());
            report.put("slowestFailure", slowestFailure.get());
        } finally {
            client.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
