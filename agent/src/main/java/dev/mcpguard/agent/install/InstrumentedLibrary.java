package dev.mcpguard.agent.install;

import java.util.List;

/**
 * A client library the agent instruments, as the weaving machinery sees it: whether a class loader holds it, which
 * version, and what to weave into it. Everything else the agent knows about the library lives in its own package.
 */
public interface InstrumentedLibrary {

    /** The package every class of the library is in, e.g. {@code io.modelcontextprotocol.} */
    String packagePrefix();

    /** Whether {@code loader} can see the library's classes at all. */
    boolean visibleTo(ClassLoader loader);

    /** The library {@code loader} sees, with its version, e.g. {@code io.modelcontextprotocol.sdk:mcp-core 2.1.0}. */
    String describe(ClassLoader loader);

    /** Every instrumentation of the library, enabled or not (the banner names the skipped ones too). */
    List<ClassInstrumentation> instrumentations();
}
