package dev.mcpguard.bootstrap;

/**
 * The listener of one hook class, as its woven callers read it: null until the agent listens (the library's own
 * code then runs), and while the agent's runtime is still being built at premain, a read waits for it
 * ({@link RuntimeGate}), so that no call is missed for having come early.
 */
final class Listening<L> {

    private volatile L listener;

    void listen(L l) {
        listener = l;
    }

    L get() {
        L l = listener;
        if (l == null) {
            RuntimeGate.await();
            l = listener;
        }
        return l;
    }
}
