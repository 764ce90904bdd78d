package dev.mcpguard.it;

import static dev.mcpguard.it.harness.GuardAssertions.assertCleanWithAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.app.OpenCallClose;
import dev.mcpguard.it.harness.Forks;
import dev.mcpguard.it.harness.ForkedJvm;
import dev.mcpguard.it.harness.ItPaths;
import dev.mcpguard.it.harness.JvmResult;
import dev.mcpguard.it.harness.ReadmeSnippets;
import dev.mcpguard.it.harness.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's way for a project to get the agent jar: its Maven snippet, pasted into a small project, fetches
 * {@code dev.mcpguard:mcp-guard-agent:<version>:jar:javaagent} as {@code target/agent/mcp-guard.jar}, and a client runs
 * guarded under that file.
 *
 * <p>The build runs this test under {@code verify}, which installs nothing: it-tests' pom copies the artifact out of
 * the reactor (so only a build that attaches it under those coordinates gets that far) into a local repository of its
 * own, laid out as {@code mvn install} would. The sample build uses that repository, offline in effect: every other
 * repository is mirrored to the build's own local repository, read as files.
 */
class GettingTheJarIT {

    private static final long BUILD_LIMIT_SECONDS = 300;

    @Test
    void theReadmesMavenSnippetFetchesTheJarAndAClientRunsGuardedUnderIt() throws Exception {
        String snippet = ReadmeSnippets.after("<!-- tested by GettingTheJarIT: maven -->");
        assertTrue(snippet.contains("<version>" + System.getProperty("mcpguard.it.version") + "</version>"),
                () -> "the README's snippet names another version than this build's:\n" + snippet);
        Path project = Files.createDirectories(ItPaths.itDir().resolve("sample-project"));
        Files.writeString(project.resolve("pom.xml"), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>com.example</groupId>",
                "  <artifactId>gateway</artifactId>",
                "  <version>1</version>",
                // pom packaging: the snippet's execution is all that runs, with no plugin this build does not have.
                "  <packaging>pom</packaging>",
                "  <build>",
                "    <plugins>",
                snippet,
                "    </plugins>",
                "  </build>",
                "</project>"));
        Path agentJar = project.resolve("target/agent/mcp-guard.jar");
        Files.deleteIfExists(agentJar);

        List<String> build = mavenBuild(project);
        assertTrue(Files.isRegularFile(agentJar), () -> "no " + agentJar + "\n" + String.join("\n", build));

        try (Transport.Endpoint endpoint = Transport.STDIO.open()) {
            JvmResult result = ForkedJvm.app(OpenCallClose.class, endpoint.scenarioArgs())
                    .jvmArg("-javaagent:" + agentJar + "=" + Forks.AGENT_ARGS).run();
            assertCleanWithAgent(result);
            assertEquals("ok", result.report().get("echo"), result::describe);
            assertEquals("true", result.report().get("closed"), result::describe);
            assertTrue(result.report().counter("closes.marshalled") >= 1, result::describe);
            assertEquals(1, result.agentLog().bannerStarts().size(), result::describe);
        }
    }

    /** {@code mvn -B package} in the sample project; returns its output, fails on a non-zero exit. */
    private static List<String> mavenBuild(Path project) throws IOException, InterruptedException {
        Path settings = Files.writeString(project.resolve("settings.xml"), String.join("\n",
                "<settings>",
                "  <mirrors>",
                "    <mirror>",
                "      <id>build-repository</id>",
                "      <mirrorOf>*</mirrorOf>",
                "      <url>" + Paths.get(System.getProperty("mcpguard.it.maven.repository")).toUri() + "</url>",
                "    </mirror>",
                "  </mirrors>",
                "</settings>"));
        Path mvn = Paths.get(System.getProperty("mcpguard.it.maven.home"), "bin", "mvn");
        ProcessBuilder builder = new ProcessBuilder(mvn.toString(), "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + ItPaths.itDir().resolve("sample-repository"), "package")
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_GUARD_") || k.endsWith("JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        Path log = project.resolve("build.log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(BUILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the sample build did not end within " + BUILD_LIMIT_SECONDS + " s; see " + log);
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "the sample build failed:\n" + String.join("\n", output));
        return output;
    }
}
