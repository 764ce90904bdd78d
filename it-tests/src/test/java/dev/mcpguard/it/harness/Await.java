package dev.mcpguard.it.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; the only way the harness waits. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** @return whether the condition held before {@code limit} ran out */
    public static boolean until(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
