package dev.mcpguard.it.app;

import java.util.concurrent.CountDownLatch;

/**
 * Leaks on purpose, so the harness's own tests can show that leaks are caught.
 * Argument {@code thread}: a non-daemon thread that never ends, so the JVM cannot exit.
 * Argument {@code child}: a child process ({@code sleep}) that outlives the JVM; it reports its pid as {@code leakedChild}.
 */
public final class LeakyHost extends ScenarioApp {

    /** Long enough to outlive every check, short enough to end by itself if a test fails to kill it. */
    private static final String CHILD_SECONDS = "300";

    public static void main(String[] args) {
        new LeakyHost().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        switch (args[0]) {
            case "thread":
                CountDownLatch never = new CountDownLatch(1);
                Thread thread = new Thread(() -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "leaky-thread");
                thread.start();
                break;
            case "child":
                Process child = new ProcessBuilder("sleep", CHILD_SECONDS).start();
                report.put("leakedChild", child.pid());
                break;
            default:
                throw new IllegalArgumentException("thread or child, not " + args[0]);
        }
    }
}
