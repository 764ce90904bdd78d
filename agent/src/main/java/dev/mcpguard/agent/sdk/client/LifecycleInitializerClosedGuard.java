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
 * Every client operation goes through {@code LifecycleInitializer.withInitialization}, which initializes the
 * session again if it has none; after a close that means a new server process or server session nobody closes.
 * For a closed session the agent returns a failing Mono instead. This runs on every request, so the hook's
 * answer for an open session is one lock-free map read.
 */
public final class LifecycleInitializerClosedGuard extends LibraryInstrumentation {

    private static ElementMatcher.Junction<MethodDescription> withInitialization() {
        return Sdk.WITH_INITIALIZATION.matcher();
    }

    public LifecycleInitializerClosedGuard() {
        super(Feature.CLOSED_GUARD, Sdk.LIFECYCLE_INITIALIZER, "LifecycleInitializer.withInitialization");
    }

    @Override
    protected List<LibraryMember> members() {
        return List.of(Sdk.WITH_INITIALIZATION);
    }

    @Override
    public List<AdviceOn> advice() {
        return List.of(AdviceOn.of(withInitialization(), RefuseIfClosed.class));
    }

    static final class RefuseIfClosed {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This Object initializer, @Advice.Argument(0) String action) {
            return SessionHooks.refuseIfClosed(initializer, action);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter Object refusal,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (refusal != null) {
                returned = refusal;
            }
        }
    }
}
