package dev.mcpguard.agent.thread;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AgentThreadsTest {

    private static final InheritableThreadLocal<Object> APPLICATION_VALUE = new InheritableThreadLocal<>();

    /** An agent thread made from an application's thread takes nothing of that thread's context along. */
    @Test
    void aThreadMadeFromAnApplicationThreadCarriesNothingOfIt() throws Exception {
        AtomicReference<Thread> made = new AtomicReference<>();
        AtomicReference<Object> inherited = new AtomicReference<>("not run");
        ThreadGroup applicationGroup = new ThreadGroup("application");
        try (URLClassLoader applicationLoader = new URLClassLoader("application", new URL[0], null)) {
            Thread application = new Thread(applicationGroup, () -> {
                APPLICATION_VALUE.set(applicationLoader);
                made.set(AgentThreads.newThread(() -> inherited.set(APPLICATION_VALUE.get()), "agent"));
            }, "application");
            application.setContextClassLoader(applicationLoader);
            application.start();
            application.join();
        }
        Thread agent = made.get();
        // Asked before it runs: a thread that ended has no group any more.
        ThreadGroup group = agent.getThreadGroup();
        agent.start();
        agent.join();

        assertTrue(agent.isDaemon());
        assertNull(agent.getContextClassLoader());
        assertNull(inherited.get(), "an inheritable thread local was copied");
        assertNull(group.getParent(), "not the top thread group: " + group.getName());
    }
}
