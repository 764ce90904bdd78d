package dev.mcpguard.agent.install;

import dev.mcpguard.agent.artifacts.Signature;
import java.util.List;

/**
 * A client library the agent instruments, as the weaving machinery sees it: whether a class loader holds it, which
 * version, and what to weave into it. Everything else the agent knows about the library lives in its own package.
 * Each library is checked and woven on its own: one the agent does not support is left alone without touching the
 * others.
 */
public interface InstrumentedLibrary {

    /** How log lines name the library, e.g. {@code SDK}, {@code LangChain4j}. */
    String name();

    /** The banner's key for the library's line, e.g. {@code sdk}. */
    String bannerKey();

    /**
     * Whether the banner has a line for the library even when the system class path does not hold it (the SDK,
     * which every MCP client needs, does; a framework is named only when found).
     */
    default boolean alwaysInBanner() {
        return false;
    }

    /**
     * The package every class of the library is in, e.g. {@code io.modelcontextprotocol.}: at a deferred start, a
     * class under it that loads before the start is done waits for it.
     */
    String packagePrefix();

    /** Whether {@code loader} can see the library's classes at all. */
    boolean visibleTo(ClassLoader loader);

    /** The library {@code loader} sees, with its version, e.g. {@code io.modelcontextprotocol.sdk:mcp-core 2.1.0}. */
    String describe(ClassLoader loader);

    /** Every instrumentation of the library, enabled or not (the banner names the skipped ones too). */
    List<ClassInstrumentation> instrumentations();

    /**
     * What tearing down a healthy session of the library throws, beyond what any close throws (the JDK's own
     * errors): the artifact classifier's table holds every library's.
     */
    default List<Signature> teardownArtifacts() {
        return List.of();
    }

    /** The library {@code description} is guarded from now on in some class loader. */
    default void guarding(String description) {
    }
}
