package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.config.Feature;
import dev.mcpguard.agent.install.ClassInstrumentation;
import dev.mcpguard.agent.install.Reference;
import java.util.ArrayList;
import java.util.List;

/** An instrumentation of an SDK class: its references are the {@link Sdk} members it weaves or reads. */
public abstract class SdkInstrumentation extends ClassInstrumentation {

    protected SdkInstrumentation(Feature feature, String sdkType, String target) {
        super(feature, sdkType, target);
    }

    /** Every member the advice weaves and every member the runtime reads for this feature. */
    protected abstract List<SdkMember> members();

    @Override
    public final List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        members().forEach(member -> references.add(member.reference()));
        return references;
    }
}
