package dev.mcpguard.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * Premain-Class, Agent-Class and Main-Class of mcp-guard.
 *
 * <p>This class is loaded by the system class loader before anything is set up, so it only uses the JDK: it makes
 * the bootstrap API visible to every class loader, then hands over to the agent, which lives in an isolated class
 * loader so that none of its classes (nor its relocated Byte Buddy) can meet the host's. Nothing that goes wrong
 * in here may stop the host, except a strict-mode refusal the user asked for.
 */
public final class AgentEntry {

    /** Its class initializer offers the agent's {@link AgentStart}. */
    private static final String STARTER = "dev.mcpguard.agent.Start";
    private static final String CLI = "dev.mcpguard.agent.cli.Cli";
    /** The one argument of the status command's load: {@code status=<nonce>}. */
    private static final String STATUS_REQUEST = "status=";

    private static JarFile openJar;

    private AgentEntry() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        if (isOwnCommandLine()) {
            return;
        }
        String refusal = start(arguments, instrumentation, "premain");
        if (refusal != null) {
            // Strict mode: the user asked for the JVM not to start with a configuration it cannot trust.
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        if (arguments != null && arguments.startsWith(STATUS_REQUEST)) {
            askForStatus(arguments.substring(STATUS_REQUEST.length()));
            return;
        }
        String refusal = start(arguments, instrumentation, "agentmain");
        if (refusal != null) {
            // A running JVM is never stopped; the attaching side sees the refusal.
            throw new IllegalStateException(refusal);
        }
    }

    /** {@code java -jar mcp-guard.jar <command>}: the command line, run in the same isolated class loader. */
    public static void main(String[] args) throws Exception {
        // jdk.attach (the attach command) is defined to the system loader, not to the platform loader.
        ClassLoader loader = new AgentClassLoader(new JarFile(ownJar()), ownJar(), ClassLoader.getSystemClassLoader());
        Method main = loader.loadClass(CLI).getMethod("run", String[].class);
        int status;
        try {
            status = (Integer) main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
        System.exit(status);
    }

    /**
     * {@code JAVA_TOOL_OPTIONS} gives every JVM of a container the agent, the command line's own as well ({@code java
     * -jar mcp-guard.jar status 1}): there it has nothing to guard, and its banner would only bury the answer.
     */
    private static boolean isOwnCommandLine() {
        try {
            String classPath = System.getProperty("java.class.path", "");
            return !classPath.isEmpty() && !classPath.contains(File.pathSeparator)
                    && new File(classPath).getCanonicalFile().equals(ownJar().getCanonicalFile());
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Returns a refusal message when strict mode refuses the configuration, otherwise null. */
    private static String start(String arguments, Instrumentation instrumentation, String how) {
        try {
            String startedBy = alreadyStartedBy();
            if (startedBy != null) {
                System.err.println("[mcp-guard] INFO mcp-guard is already running in this JVM (started by " + startedBy
                        + "); this start (" + how + ") does nothing");
                return null;
            }
            File jar = ownJar();
            JarFile jarFile = openOnce(instrumentation);
            // Resolved from here on through the boot class path, which the jar is now on: one copy for every loader,
            // as long as the system class loader asks the boot loader first (a child-first one would not).
            if (GuardState.class.getClassLoader() != null) {
                System.err.println("[mcp-guard] ERROR mcp-guard could not start (the system class loader "
                        + ClassLoader.getSystemClassLoader() + " does not delegate to the boot class path first); "
                        + "the application runs without it");
                return null;
            }
            startedBy = GuardState.claim(how);
            if (startedBy != null) {
                System.err.println("[mcp-guard] INFO mcp-guard is already running in this JVM (started by " + startedBy
                        + "); this start (" + how + ") does nothing");
                return null;
            }
            ClassLoader loader = new AgentClassLoader(jarFile, jar, ClassLoader.getPlatformClassLoader());
            Class.forName(STARTER, true, loader);
            return AgentStart.offered().start(arguments, instrumentation, how);
        } catch (Throwable t) {
            Throwable cause = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
            System.err.println("[mcp-guard] ERROR mcp-guard could not start (" + cause
                    + "); the application runs without it");
            return null;
        }
    }

    /**
     * The jar is opened, and put on the boot class path, by the first start only, and kept open: an attach into a
     * container hands the JVM a copy that is deleted once loaded, and when that start failed (and gave up its claim),
     * the next attach runs this same class again, whose jar is then readable through the open file alone.
     */
    private static synchronized JarFile openOnce(Instrumentation instrumentation) throws Exception {
        if (openJar == null) {
            JarFile jar = new JarFile(ownJar());
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
            openJar = jar;
        }
        return openJar;
    }

    /**
     * A status request never starts the agent and prints nothing in the host: if no agent runs here, or it disabled
     * itself, there is no answer, and the command line says so on its own side.
     */
    private static void askForStatus(String nonce) {
        try {
            if (alreadyStartedBy() != null) {
                StatusRequests.ask(nonce);
            }
        } catch (Throwable unanswered) {
            // the command line reports the missing answer
        }
    }

    /**
     * Asks the bootstrap loader first, never this class's own loader: the state must be the one copy every loader
     * shares, and before the first start the class is simply not there. Once it is, this class's references to the
     * bootstrap API resolve to that copy (its loader asks the boot class path first).
     */
    private static String alreadyStartedBy() {
        try {
            Class.forName("dev.mcpguard.bootstrap.GuardState", false, null);
        } catch (ClassNotFoundException notYetAppended) {
            return null;
        }
        return GuardState.startedBy();
    }

    private static File ownJar() throws Exception {
        return new File(AgentEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
