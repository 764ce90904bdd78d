package dev.mcpguard.agent.install;

import dev.mcpguard.agent.thread.AgentThreads;
import dev.mcpguard.bootstrap.RuntimeGate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The part of the start the host does not wait for at premain: it runs on a thread of the agent's own
 * ({@code mcp-guard-start}) while the application starts. Two of its moments matter to the application's threads:
 * once the weaving is known ({@link #weavingKnown}), a library class that loads is woven, and a thread that loads
 * one before waits for it (the deferred transformer); once the runtime listens ({@link #open}), woven code runs
 * with it, and woven code that runs before waits for it ({@link RuntimeGate}). So no woven class escapes the
 * weaving and no woven call runs without its runtime, and the application's first library class waits only for
 * the weaving. A start that ends or fails before either moment releases both: the application runs as without the
 * agent (woven code without a listener runs the library's own).
 */
public final class StartGate {

    /**
     * A JVM that exits while the agent starts waits this long at most for the start to end, so that it prints its
     * banner and leaves nothing half done.
     */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final CountDownLatch weaving = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread runner;

    /** A gate that is open from the start: everything ran before the transformer was registered (an attach). */
    public static StartGate opened() {
        StartGate gate = new StartGate();
        gate.weavingKnown();
        return gate;
    }

    /**
     * Runs {@code rest} on {@code mcp-guard-start}; it calls {@link #weavingKnown} once the transformer knows what to
     * weave, and {@link #open} once the runtime listens. Call before the transformer is registered.
     */
    public void start(Runnable rest) {
        Thread thread = AgentThreads.newThread(new Rest(rest), "mcp-guard-start");
        runner = thread;
        RuntimeGate.building(thread);
        thread.start();
        Runtime.getRuntime().addShutdownHook(AgentThreads.newThread(new AtExit(), "mcp-guard-start-at-exit"));
    }

    /** The transformer knows what to weave, or that it weaves nothing. */
    public void weavingKnown() {
        weaving.countDown();
    }

    /** The runtime listens: woven code no longer waits. */
    public void open() {
        weaving.countDown();
        RuntimeGate.open(runner);
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
                open();
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
     * Waits until the weaving is known, uninterruptibly (a class load must not fail because its thread was
     * interrupted; the flag is kept). The start's own thread does not wait for itself: what it loads is woven, and
     * runs only after it is done.
     */
    void awaitWeaving() {
        if (Thread.currentThread() == runner) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                weaving.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
