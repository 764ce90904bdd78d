package dev.mcpguard.agent.sdk.client;


import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.AdviceOn;
import dev.mcpguard.agent.install.LibraryInstrumentation;
import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.sdk.Sdk;
import dev.mcpguard.bootstrap.SessionHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LifecycleInitializer.doInitialize} is every (re-)initialization: the first, the one after a failed one
 * (which every later call starts, with no cap), and the one after session-not-found. Each is one connection
 * attempt against the budget of the session's server, and its outcome is reported to the budget. An attempt that
 * must wait skips the body and returns a Mono that waits, then calls it again; one the budget refuses skips the body,
 * so the {@code DefaultInitialization} it was given (argument 0), which concurrent callers may already have joined,
 * is failed by the agent instead: its {@code initSink}.
 */
public final class LifecycleInitializerBudget extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> doInitialize() {
        return Sdk.DO_INITIALIZE.matcher();
    }

    public LifecycleInitializerBudget() {
        super(Feature.RECONNECT_BUDGET, Sdk.LIFECYCLE_INITIALIZER, "LifecycleInitializer.doInitialize");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.DO_INITIALIZE, Sdk.INITIALIZATION_SINK, Sdk.INITIALIZATION_TIMEOUT);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(doInitialize(), Attempt.class));
    }

    static final class Attempt {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object initializer, @Advice.AllArguments Object[] arguments) {
            return SessionHooks.initializing(initializer, arguments);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object initializer, @Advice.Enter Object refusal,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (refusal != null) {
                returned = refusal;
            } else {
                returned = SessionHooks.initializationStarted(initializer, returned);
            }
        }
    }
}
