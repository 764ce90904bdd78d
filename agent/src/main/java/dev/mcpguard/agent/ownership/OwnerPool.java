package dev.mcpguard.agent.ownership;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of owners; each session is pinned to one when it opens and keeps it for life, so thousands of
 * sessions share a handful of threads.
 */
public final class OwnerPool {

    private final Owner[] owners;
    private final AtomicInteger next = new AtomicInteger();

    public OwnerPool(int size, Timer timer) {
        owners = new Owner[size];
        for (int i = 0; i < size; i++) {
            owners[i] = new Owner(i + 1, timer);
        }
    }

    public Owner assign() {
        return owners[Math.floorMod(next.getAndIncrement(), owners.length)];
    }
}
