package dev.mcpguard.agent.ownership;

import dev.mcpguard.agent.session.GuardedSession;

/**
 * A fixed set of owners; each session is pinned to one by its number, for life, so thousands of sessions share a
 * handful of threads and consecutive sessions spread over all of them.
 */
public final class OwnerPool {

    private final Owner[] owners;

    public OwnerPool(int size, Timer timer) {
        owners = new Owner[size];
        for (int i = 0; i < size; i++) {
            owners[i] = new Owner(i + 1, timer);
        }
    }

    public Owner ownerOf(GuardedSession session) {
        return owners[(int) Math.floorMod(session.id() - 1, (long) owners.length)];
    }
}
