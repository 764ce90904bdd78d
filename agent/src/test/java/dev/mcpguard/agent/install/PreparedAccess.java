package dev.mcpguard.agent.install;

import java.util.List;

/** Lets tests in other packages ask the prepared class files what the agent would ask them at run time. */
public final class PreparedAccess {

    private PreparedAccess() {
    }

    /** The prepared class file for {@code classFile} in {@code loader} with {@code enabled} in force, or null. */
    public static byte[] woven(InstrumentedLibrary library, ClassLoader loader, List<ClassInstrumentation> enabled,
            String typeName, byte[] classFile) {
        return new PreparedClasses(PreparedAccess.class.getClassLoader(), library, Installer.featureKeys(enabled),
                new SupportAnnouncer(library)).weave(loader, typeName, classFile);
    }

    /** Every set of features the table must hold a class file for. */
    public static List<List<ClassInstrumentation>> subsets(List<ClassInstrumentation> instrumentations) {
        return PreparedTableWriter.subsets(instrumentations);
    }
}
