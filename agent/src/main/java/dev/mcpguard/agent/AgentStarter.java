package dev.mcpguard.agent;

import dev.mcpguard.agent.adk.AdkRuntime;
import dev.mcpguard.agent.adk.GoogleAdk;
import dev.mcpguard.agent.artifacts.Signature;
import dev.mcpguard.agent.config.ConfigLoader;
import dev.mcpguard.agent.config.EarlyNeeds;
import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.config.GuardConfig;
import dev.mcpguard.agent.config.InvalidConfiguration;
import dev.mcpguard.agent.config.Problem;
import dev.mcpguard.agent.config.Settings;
import dev.mcpguard.agent.core.GuardCore;
import dev.mcpguard.agent.install.Banner;
import dev.mcpguard.agent.install.DeferredTransformer;
import dev.mcpguard.agent.install.Installer;
import dev.mcpguard.agent.install.InstrumentedLibrary;
import dev.mcpguard.agent.install.StartGate;
import dev.mcpguard.agent.langchain4j.LangChain4jMcp;
import dev.mcpguard.agent.langchain4j.LangChain4jRuntime;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.reconnect.HostLoopInstrumentation;
import dev.mcpguard.agent.sdk.McpSdk;
import dev.mcpguard.agent.sdk.SdkLeaks;
import dev.mcpguard.agent.sdk.SdkRuntime;
import dev.mcpguard.agent.status.AgentMarks;
import dev.mcpguard.agent.status.GuardStatus;
import dev.mcpguard.agent.status.StatusPublisher;
import dev.mcpguard.bootstrap.AdkHooks;
import dev.mcpguard.bootstrap.AdviceErrors;
import dev.mcpguard.bootstrap.CleanupHooks;
import dev.mcpguard.bootstrap.GuardState;
import dev.mcpguard.bootstrap.HostLoopHooks;
import dev.mcpguard.bootstrap.LangChain4jHooks;
import dev.mcpguard.bootstrap.SessionHooks;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one start path behind premain and agentmain: read the configuration, set up logging, weave, print the
 * banner, publish the status. A configuration that cannot be trusted disables the agent (one ERROR line per
 * problem) unless strict mode asks for the JVM to refuse. Whatever happens, the JVM is marked as holding mcp-guard
 * ({@link AgentMarks}), with what the start printed, so that the attach command can tell its user.
 */
public final class AgentStarter {

    /** The client libraries the agent instruments. */
    static final McpSdk SDK = new McpSdk();
    static final LangChain4jMcp LANGCHAIN4J = new LangChain4jMcp();
    static final GoogleAdk ADK = new GoogleAdk();
    static final List<InstrumentedLibrary> LIBRARIES = List.of(SDK, LANGCHAIN4J, ADK);

    private AgentStarter() {
    }

    /** Returns a refusal message when strict mode refuses to let the JVM run, otherwise null. */
    public static String start(String arguments, Instrumentation instrumentation, String how) throws Exception {
        System.setProperty(AgentMarks.VERSION, GuardVersion.get());
        if ("premain".equals(how) && !EarlyNeeds.any(arguments, System.getProperties(), System.getenv())
                && !DeferredTransformer.anyLoaded(instrumentation, LIBRARIES)) {
            // Nothing premain must settle before the application runs: all of the start runs on a thread of its
            // own while the application starts; a class of an instrumented library that loads first waits for the
            // weaving to be known, and woven code that runs first for the runtime (StartGate).
            DeferredTransformer deferred = new DeferredTransformer(LIBRARIES);
            StartGate gate = new StartGate();
            gate.start(new DeferredStart(arguments, instrumentation, deferred, gate));
            deferred.register(instrumentation, gate);
            return null;
        }
        List<String> warnings = new ArrayList<>();
        Configured configured = configure(arguments, how, warnings);
        if (configured.config() == null) {
            return configured.refusal();
        }
        GuardConfig config = configured.config();
        Installer installer = new Installer(LIBRARIES,
                HostLoopInstrumentation.declared(config.get(Settings.RECONNECT_METHODS)), config);
        if ("premain".equals(how)) {
            installer.prepareInBackground();
        }
        if (!"premain".equals(how) || installer.anyLoaded(instrumentation)) {
            // After an attach, or another agent loaded library classes first: they are retransformed with the
            // runtime in place, and the banner says so.
            activate(config, instrumentation, how, installer, warnings, StartGate.opened(), true);
            return null;
        }
        // At premain only what keeps every woven class from escaping runs before the application: the
        // configuration (strict mode, declared host classes) and the transformer. The runtime, the banner and the
        // status follow on a thread of their own while the application starts; woven code that runs first waits
        // for the runtime (StartGate). That thread never waits for this one.
        StartGate gate = new StartGate();
        gate.start(() -> startOrSay(() -> activate(config, instrumentation, how, installer, warnings, gate, false)));
        installer.install(instrumentation);
        return null;
    }

    /** The advice's suppressed throwables, at DEBUG; a class, not a lambda, for the start's sake. */
    private static final class DebugLogged implements Consumer<Throwable> {
        @Override
        public void accept(Throwable error) {
            GuardLog.debug("advice suppressed a throwable", error);
        }
    }

    /** What a configuration read came to: the configuration, or null and the refusal (null unless strict). */
    record Configured(GuardConfig config, String refusal) {
    }

    /** A part of the start that cannot throw to its caller: a failure is said, and the agent stays out. */
    interface StartPart {
        void start() throws Exception;
    }

    static void startOrSay(StartPart part) {
        try {
            part.start();
        } catch (Exception | LinkageError e) {
            GuardLog.error("mcp-guard could not start (" + e + "); the application runs without it");
            throw new IllegalStateException(e);
        }
    }

    /** Reads the configuration and sets up the log; says why when it disables the agent. */
    static Configured configure(String arguments, String how, List<String> warnings) {
        GuardConfig config;
        try {
            config = ConfigLoader.load(arguments, systemProperties(), System.getenv(), warnings);
            configureLog(config);
        } catch (InvalidConfiguration invalid) {
            String consequence = invalid.strict() ? "mcp.guard.strict=true, so the JVM does not start"
                    : "mcp-guard is disabled and the application runs without it";
            List<String> lines = new ArrayList<>();
            for (Problem problem : invalid.problems()) {
                lines.add("configuration: " + problem + "; " + consequence);
            }
            for (String line : lines) {
                GuardLog.error(line);
            }
            warnAll(warnings);
            markDisabled(how, lines, warnings);
            return new Configured(null,
                    invalid.strict() ? "mcp-guard: configuration: " + invalid.problems().get(0) : null);
        }
        warnAll(warnings);
        if (!config.get(Settings.ENABLED)) {
            String line = "mcp-guard is disabled by " + Settings.ENABLED.key() + "=false ("
                    + config.origin(Settings.ENABLED) + ")";
            GuardLog.info(line);
            markDisabled(how, List.of(line), warnings);
            return new Configured(null, null);
        }
        return new Configured(config, null);
    }

    /**
     * The runtime behind the woven code, which opens {@code gate} for the woven code to run, then the banner and the
     * status; after an attach, the weaving too.
     */
    static void activate(GuardConfig config, Instrumentation instrumentation, String how, Installer installer,
            List<String> warnings, StartGate gate, boolean install) throws Exception {
        AdviceErrors.reportTo(new DebugLogged());
        List<Signature> libraryArtifacts = new ArrayList<>();
        for (InstrumentedLibrary library : LIBRARIES) {
            libraryArtifacts.addAll(library.teardownArtifacts());
        }
        GuardCore core = GuardCore.from(config, instrumentation, libraryArtifacts);
        // Every listener is built before any listens: a start that fails here leaves woven code running the
        // libraries' own, not half of the runtime.
        SdkRuntime sdk = new SdkRuntime(core, config.enabled(Feature.SESSIONS));
        LangChain4jRuntime langChain4j = new LangChain4jRuntime(core, config.enabled(Feature.SESSIONS),
                config.enabled(Feature.LIVENESS));
        AdkRuntime adk = new AdkRuntime();
        SdkLeaks leaks = new SdkLeaks();
        HostLoopHooks.Listener hostLoops = config.enabled(Feature.HOST_LOOPS) ? core.hostLoops() : null;
        SessionHooks.listen(sdk);
        LangChain4jHooks.listen(langChain4j);
        AdkHooks.listen(adk);
        CleanupHooks.listen(leaks);
        if (hostLoops != null) {
            HostLoopHooks.listen(hostLoops);
        }
        gate.open();
        core.installExitCleanup(config, instrumentation);
        if (install) {
            installer.install(instrumentation);
        }
        List<String> banner = Banner.lines(how, config, installer);
        Banner.print(banner);
        installer.finish();
        System.setProperty(AgentMarks.SUMMARY, summary(banner, warnings));
        System.setProperty(AgentMarks.STATE, AgentMarks.ACTIVE);
        StatusPublisher.publish(new GuardStatus(core.registry(), core.owners(), how), "premain".equals(how));
    }

    /** What the start printed, its first line the one that matters most (the banner's, or the first error). */
    private static String summary(List<String> lines, List<String> warnings) {
        List<String> all = new ArrayList<>(lines);
        all.addAll(warnings);
        return String.join("\n", all);
    }

    /**
     * Nothing is installed yet when the agent disables itself. Under premain it stays disabled for the JVM's life, as
     * its command line asked; an attach that failed gives up its claim, so that the user can attach again.
     */
    private static void markDisabled(String how, List<String> why, List<String> warnings) {
        System.setProperty(AgentMarks.SUMMARY, summary(why, warnings));
        boolean attached = "agentmain".equals(how);
        System.setProperty(AgentMarks.STATE, attached ? AgentMarks.FAILED : AgentMarks.DISABLED);
        if (attached) {
            GuardState.release(how);
        }
    }

    private static void configureLog(GuardConfig config) throws InvalidConfiguration {
        Path file = config.get(Settings.LOG_FILE).orElse(null);
        try {
            GuardLog.configure(config.get(Settings.LOG_LEVEL), file);
        } catch (IOException | RuntimeException e) {
            throw InvalidConfiguration.of(Settings.LOG_FILE, String.valueOf(file), config.origin(Settings.LOG_FILE),
                    "cannot write to the file (" + e.getMessage() + ")", config.get(Settings.STRICT));
        }
    }

    private static void warnAll(List<String> warnings) {
        for (String warning : warnings) {
            GuardLog.warn(warning);
        }
    }

    /** A copy, in a loop: the start reads the configuration while a host's first MCP class may wait (no lambda). */
    private static Map<String, String> systemProperties() {
        Map<String, String> copy = new HashMap<>();
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            if (property.getKey() instanceof String && property.getValue() instanceof String) {
                copy.put((String) property.getKey(), (String) property.getValue());
            }
        }
        return copy;
    }
}
