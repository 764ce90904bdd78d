package dev.mcpguard.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

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
    public static Path sigtermImmuneServer() {
        return existing(location("mcpguard.it.servers.dir", "servers").resolve("sigterm-immune-server.mjs"),
                "the SIGTERM-immune test server");
    }

    /** The preload that binds servers to 127.0.0.1 and ends them after a TTL. */
    public static Path bindLocalhostPreload() {
        return existing(serversDir().resolve("bind-localhost.mjs"), "the server preload");
    }

    /** The SDK version the apps are built against, as the agent's banner should name it. */
    public static String sdkVersion() {
        return System.getProperty("mcpguard.sdk.version", "2.1.0");
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
