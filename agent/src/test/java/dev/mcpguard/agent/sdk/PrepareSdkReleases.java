package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.install.PreparedTableWriter;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.log.LogLevel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by the build (agent/pom.xml, process-test-classes): prepares every SDK release whose jar the build copied to
 * the directory given, into the agent's classes.
 *
 * <pre>PrepareSdkReleases &lt;output classes directory&gt; &lt;directory of SDK jars&gt;</pre>
 */
public final class PrepareSdkReleases {

    private PrepareSdkReleases() {
    }

    public static void main(String[] args) throws Exception {
        GuardLog.configure(LogLevel.WARN, null);
        PreparedTableWriter writer = new PreparedTableWriter(new McpSdk(), Path.of(args[0]));
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[1]))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no SDK jar in " + args[1]);
        }
        // The libraries the SDK refers to (Reactor), from the build's own class path, without its SDK.
        List<Path> dependencies = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && !entry.contains("modelcontextprotocol")).map(Path::of)
                .toList();
        for (Path jar : jars) {
            System.out.println("prepared " + writer.add(List.of(jar), dependencies) + " from " + jar.getFileName());
        }
        writer.finish();
    }
}
