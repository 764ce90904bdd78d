package dev.mcpguard.agent.install;

import dev.mcpguard.agent.thread.AgentThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The part of the start that woven code needs (the runtime its hooks call) and the host does not wait for at
 * premain: it runs on a thread of the agent's own ({@code mcp-guard-start}) while the application starts, and a
 * thread that loads a class the agent weaves waits until that part has opened the gate, so no woven class can run
 * before its runtime is there. What the start does after (the banner, the status) no class waits for. A start that
 * ends or fails without opening the gate weaves nothing: the application runs as without the agent.
 */
public final class StartGate {

    /**
     * A JVM that exits while the agent starts waits this long at most for the start to end, so that it prints its
     * banner and leaves nothing half done.
     */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final CountDownLatch decided = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean open;
    private volatile Thread runner;

    /** A gate that is open from the start: everything ran before the transformer was registered (an attach). */
    public static StartGate opened() {
        StartGate gate = new StartGate();
        gate.open();
        return gate;
    }

    /** Runs {@code rest} on {@code mcp-guard-start}; it calls {@link #open} once the runtime is in place. */
    public void start(Runnable rest) {
        Thread thread = AgentThreads.newThread(new Rest(rest), "mcp-guard-start");
        runner = thread;
        thread.start();
        Runtime.getRuntime().addShutdownHook(AgentThreads.newThread(new AtExit(), "mcp-guard-start-at-exit"));
    }

    public void open() {
        open = true;
        decided.countDown();
    }

    /** A class, not a lambda: it is made on the host's main thread at premain. */
    private final class Rest implements Runnable {

        private final Runnable rest;

        Rest(Runnable rest) {
            this.rest = rest;
        }

        @Override
        public void run() {
            try {
                rest.run();
            } catch (RuntimeException | Error e) {
                // Said by the start itself; the gate below keeps the agent out.
            } finally {
                decided.countDown();
                finished.countDown();
            }
        }
    }

    /** A shutdown hook: the start ends before the JVM does, within {@link #EXIT_WAIT_SECONDS}. */
    private final class AtExit implements Runnable {

        @Override
        public void run() {
            try {
                finished.await(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the start has opened the gate or given up, uninterruptibly (a class load must not fail because
     * its thread was interrupted; the flag is kept), and says whether it opened. The start's own thread does not
     * wait for itself: what it loads is woven, and runs only after it is done.
     */
    boolean awaitOpen() {
        if (Thread.currentThread() == runner) {
            return true;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    decided.await();
                    return open;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
