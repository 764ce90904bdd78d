package dev.mcpguard.agent;

import dev.mcpguard.bootstrap.AgentStart;
import java.lang.instrument.Instrumentation;

/**
 * What the bootstrap's entry runs, across the isolated class loader: it initializes this class, whose initializer
 * offers the start, so that premain makes no reflective call (see {@link AgentStart}).
 */
final class Start extends AgentStart {

    static {
        offer(new Start());
    }

    private Start() {
    }

    @Override
    public String start(String arguments, Instrumentation instrumentation, String how) throws Exception {
        return AgentStarter.start(arguments, instrumentation, how);
    }
}
