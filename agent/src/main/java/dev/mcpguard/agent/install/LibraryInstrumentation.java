package dev.mcpguard.agent.install;

import dev.mcpguard.agent.config.Feature;
import java.util.ArrayList;
import java.util.List;

/** An instrumentation of a library's class: its references are the declared members it weaves or reads. */
public abstract class LibraryInstrumentation extends ClassInstrumentation {

    protected LibraryInstrumentation(Feature feature, String libraryType, String target) {
        super(feature, libraryType, target);
    }

    /** Every member the advice weaves and every member the runtime reads for this feature. */
    protected abstract List<LibraryMember> members();

    @Override
    public final List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        members().forEach(member -> references.add(member.reference()));
        return references;
    }
}
