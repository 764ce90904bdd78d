package dev.mcpguard.agent.install;

import dev.mcpguard.agent.thread.AgentThreads;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The part of the start that woven code needs (the runtime its hooks call) and the host does not wait for at
 * premain: it runs on a thread of the agent's own ({@code mcp-guard-start}) while the application starts, and a
 * thread that loads a class the agent weaves waits for it first, so no woven class can run before its runtime is
 * there. If it fails, nothing is woven: the application runs as without the agent.
 */
public final class StartGate {

    private final FutureTask<Void> rest;
    private volatile Thread runner;

    private StartGate(FutureTask<Void> rest) {
        this.rest = rest;
    }

    /** A gate that is open from the start: everything ran before the transformer was registered (an attach). */
    public static StartGate open() {
        FutureTask<Void> done = new FutureTask<>(() -> null);
        done.run();
        return new StartGate(done);
    }

    /** A gate that opens once {@code rest} has run; call {@link #start} after the transformer is registered. */
    public static StartGate after(Runnable rest) {
        return new StartGate(new FutureTask<>(rest, null));
    }

    public void start() {
        Thread thread = AgentThreads.newThread(rest, "mcp-guard-start");
        runner = thread;
        thread.start();
    }

    /**
     * Waits for the rest of the start, uninterruptibly (a class load must not fail because its thread was
     * interrupted; the flag is kept), and says whether it succeeded. The start's own thread does not wait for
     * itself: what it loads is woven, and runs only after it is done.
     */
    boolean awaitOpen() {
        if (Thread.currentThread() == runner) {
            return true;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    rest.get();
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
