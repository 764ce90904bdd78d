package dev.mcpguard.agent;

import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.install.DeferredTransformer;
import dev.mcpguard.agent.install.Installer;
import dev.mcpguard.agent.install.StartGate;
import dev.mcpguard.agent.reconnect.HostLoopInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole start at premain, off the host's main thread, when the configuration asks for nothing premain must
 * settle first ({@code EarlyNeeds}): configuration, weaving, runtime, banner, status. A class of its own, and no
 * lambda, so that the main thread loads and verifies as little as possible before it hands over.
 */
final class DeferredStart implements Runnable, AgentStarter.StartPart {

    private final String arguments;
    private final Instrumentation instrumentation;
    private final DeferredTransformer deferred;
    private final StartGate gate;

    DeferredStart(String arguments, Instrumentation instrumentation, DeferredTransformer deferred, StartGate gate) {
        this.arguments = arguments;
        this.instrumentation = instrumentation;
        this.deferred = deferred;
        this.gate = gate;
    }

    @Override
    public void run() {
        AgentStarter.startOrSay(this);
    }

    @Override
    public void start() throws Exception {
        List<String> warnings = new ArrayList<>();
        GuardConfig config = AgentStarter.configure(arguments, "premain", warnings).config();
        if (config == null) {
            return;
        }
        Installer installer = new Installer(AgentStarter.LIBRARIES,
                HostLoopInstrumentation.declared(config.get(Settings.RECONNECT_METHODS)), config);
        // No weaver thread: the libraries are checked once the start is done (Installer.finish), or by the first of
        // their classes to load, whichever comes first; a third thread would only take the two cores from the host.
        deferred.delegateTo(installer);
        AgentStarter.activate(config, instrumentation, "premain", installer, warnings, gate, false);
    }
}
