package dev.mcpguard.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The npm install of server-everything that the build puts into {@code demo-app/servers}, and the
 * node command lines that start it.
 */
final class ServerInstall {

    private static final String INDEX_JS = "node_modules/@modelcontextprotocol/server-everything/dist/index.js";
    private static final String BIND_LOCALHOST = "bind-localhost.mjs";

    private final Path dir;

    private ServerInstall(Path dir) {
        this.dir = dir;
    }

    /**
     * Finds the install: the folder given with --servers, else {@code servers} next to the jar's
     * {@code target/} folder (so the demo runs from any working directory), else
     * {@code ./demo-app/servers} (so it also runs from classes in an IDE started at the repo root).
     */
    static ServerInstall locate(Path explicitDir) throws DemoOptions.UsageException {
        List<Path> candidates = new ArrayList<>();
        if (explicitDir != null) {
            candidates.add(explicitDir);
        } else {
            Path nextToJar = besideBuildOutput();
            if (nextToJar != null) {
                candidates.add(nextToJar);
            }
            candidates.add(Path.of("demo-app", "servers"));
        }
        for (Path candidate : candidates) {
            ServerInstall install = new ServerInstall(candidate.toAbsolutePath().normalize());
            if (install.isComplete()) {
                return install;
            }
        }
        throw new DemoOptions.UsageException("no server-everything install found in " + candidates
                + " (it needs " + INDEX_JS + " and " + BIND_LOCALHOST + "); build demo-app with Maven, "
                + "run 'npm ci' in demo-app/servers, or pass --servers <dir>");
    }

    /** demo-app/target/mcp-guard-demo.jar (or demo-app/target/classes) gives demo-app/servers. */
    private static Path besideBuildOutput() {
        try {
            CodeSource source = ServerInstall.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path target = Path.of(source.getLocation().toURI()).getParent();
            return target == null || target.getParent() == null ? null : target.getParent().resolve("servers");
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null; // not loaded from a local file; fall back to the working directory
        }
    }

    private boolean isComplete() {
        return Files.isRegularFile(indexJs()) && Files.isRegularFile(dir.resolve(BIND_LOCALHOST));
    }

    Path dir() {
        return dir;
    }

    Path indexJs() {
        return dir.resolve(INDEX_JS);
    }

    /** {@code node <index.js> stdio}: the command the SDK's stdio transport spawns. */
    List<String> stdioArgs() {
        return List.of(indexJs().toString(), "stdio");
    }

    /**
     * {@code node --import bind-localhost.mjs <index.js> streamableHttp}; the preload makes the server
     * bind 127.0.0.1 only and exit by itself after a while should this process die without stopping it.
     */
    List<String> streamableHttpCommand() {
        return List.of("node", "--import", dir.resolve(BIND_LOCALHOST).toUri().toString(),
                indexJs().toString(), "streamableHttp");
    }
}
