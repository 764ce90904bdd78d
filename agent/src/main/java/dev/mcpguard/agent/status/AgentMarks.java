package dev.mcpguard.agent.status;

/**
 * How a JVM tells tools that mcp-guard is in it. The system properties are readable from outside through the attach
 * API ({@code VirtualMachine.getSystemProperties()}), without starting anything in the target, as Elastic's
 * {@code ElasticApm.attached} and Byteman's {@code org.jboss.byteman.agent.loaded}. They are named outside
 * {@code mcp.guard.*} on purpose: that prefix holds configuration keys, where an unknown key is an error.
 */
public final class AgentMarks {

    /** The agent's version; present once mcp-guard is loaded in the JVM, active or disabled. */
    public static final String VERSION = "mcpguard.agent.version";
    /** {@link #ACTIVE}, {@link #DISABLED} or {@link #FAILED}. */
    public static final String STATE = "mcpguard.agent.state";
    /** What the start printed: the banner, or why the agent disabled itself; lines separated by '\n'. */
    public static final String SUMMARY = "mcpguard.agent.summary";
    /** The SDK the agent last found and guards, e.g. {@code io.modelcontextprotocol.sdk:mcp-core 2.1.0}. */
    public static final String SDK = "mcpguard.agent.sdk";
    /**
     * Every client library the agent guards, each once, in the order found, separated by ", ": e.g.
     * {@code dev.langchain4j:langchain4j-mcp 1.18.1-beta28}.
     */
    public static final String LIBRARIES = "mcpguard.agent.libraries";
    /**
     * The live figures as JSON ({@link StatusSnapshot} and the nonce of the request), written when the status command
     * asks; a snapshot of that moment, not kept up to date.
     */
    public static final String STATUS = "mcpguard.agent.status";

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    /**
     * An attach loaded mcp-guard, which did not start (the summary says why) and left nothing installed: unlike a
     * JVM where it is {@link #DISABLED}, another attach may start it.
     */
    public static final String FAILED = "failed";

    /** The platform MBean with the live figures; JConsole and VisualVM users find it by this name. */
    public static final String MBEAN = "mcp.guard:type=Guard";

    private AgentMarks() {
    }

    /** Adds {@code library} to {@link #LIBRARIES}, for the list command, which reads it from outside. */
    public static synchronized void guarding(String library) {
        String known = System.getProperty(LIBRARIES, "");
        if (!java.util.Arrays.asList(known.split(", ")).contains(library)) {
            System.setProperty(LIBRARIES, known.isEmpty() ? library : known + ", " + library);
        }
    }
}
