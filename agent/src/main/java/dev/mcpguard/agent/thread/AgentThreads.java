package dev.mcpguard.agent.thread;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.function.Supplier;

/**
 * Where every thread of the agent is made. The agent starts its threads lazily, from whatever thread first needs one:
 * often an application's, inside a web application's class loader. On Java 17 a new thread takes its creator's
 * context class loader, a copy of its inheritable thread locals, its thread group and its access-control context
 * (the protection domains of every class on the creating stack, each holding its class loader). An agent thread
 * outlives the sessions it served, so any of these would keep an undeployed application's classes for good. Threads
 * made here carry none of them: they are daemons (they must never keep a JVM alive), have no context class loader,
 * inherit no thread locals, belong to the JVM's top thread group, and are made in a privileged block, whose context
 * holds only the agent's own protection domain.
 */
public final class AgentThreads {

    private static final ThreadGroup TOP = topGroup();

    private AgentThreads() {
    }

    /** A new, unstarted thread running {@code task}. */
    @SuppressWarnings("removal")
    public static Thread newThread(Runnable task, String name) {
        // A class, not a lambda: premain makes its first thread here, and its first lambda would cost the host's
        // main thread the set-up of the JDK's lambda machinery.
        return AccessController.doPrivileged(new PrivilegedAction<Thread>() {
            @Override
            public Thread run() {
                return agentThread(new Thread(group(), task, name, 0, false));
            }
        });
    }

    /**
     * An agent {@link Thread} subclass, made the same way; its constructor must call
     * {@code super(AgentThreads.group(), task, name, 0, false)} so that it inherits no thread locals.
     */
    @SuppressWarnings("removal")
    public static <T extends Thread> T create(Supplier<T> constructor) {
        return AccessController.doPrivileged((PrivilegedAction<T>) () -> agentThread(constructor.get()));
    }

    private static <T extends Thread> T agentThread(T thread) {
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        return thread;
    }

    /** The group for agent threads: the JVM's top group, never an application's. */
    public static ThreadGroup group() {
        return TOP;
    }

    private static ThreadGroup topGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        try {
            while (group.getParent() != null) {
                group = group.getParent();
            }
        } catch (SecurityException e) {
            // A security manager that hides the parents: the deepest group reached is still better than none.
        }
        return group;
    }
}
