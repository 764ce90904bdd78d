package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.log.LogLevel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by the build (agent/pom.xml, process-test-classes): prepares every release of a library whose jar the build
 * copied to the directory given, into the agent's classes. The libraries the releases refer to (Reactor for the SDK)
 * come from the build's own class path, without the library's own jars (those whose path contains the marker).
 *
 * <pre>PrepareReleases &lt;output classes directory&gt; &lt;InstrumentedLibrary class&gt; &lt;directory of its jars&gt;
 *     &lt;marker of its own jars on the class path&gt;</pre>
 */
public final class PrepareReleases {

    private PrepareReleases() {
    }

    public static void main(String[] args) throws Exception {
        GuardLog.configure(LogLevel.WARN, null);
        InstrumentedLibrary library = (InstrumentedLibrary) Class.forName(args[1]).getDeclaredConstructor()
                .newInstance();
        PreparedTableWriter writer = new PreparedTableWriter(library, Path.of(args[0]));
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[2]))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no jar of " + library.bannerKey() + " in " + args[2]);
        }
        List<Path> dependencies = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && !entry.contains(args[3])).map(Path::of).toList();
        for (Path jar : jars) {
            System.out.println("prepared " + writer.add(List.of(jar), dependencies) + " from " + jar.getFileName());
        }
        writer.finish();
    }
}
