package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.adk.GoogleAdk;
import dev.mcpguard.agent.langchain4j.LangChain4jMcp;
import dev.mcpguard.agent.sdk.McpSdk;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every release of the README's support tables (the SDK's, LangChain4j's and ADK's) is in the prepared class files,
 * for every class the agent weaves and every set of features: adding a supported version without adding it to the
 * build (agent/pom.xml, sdk-releases, langchain4j-releases and adk-releases) fails here, instead of silently sending that version's
 * hosts the slow way, through Byte Buddy.
 */
class PreparedReleasesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String SDK_TABLE = "## Supported SDK versions";
    private static final String LANGCHAIN4J_TABLE = "**LangChain4j's own MCP client**";
    private static final String ADK_TABLE = "**Google ADK for Java**";
    private static final Pattern RANGE = Pattern.compile("(\\d+\\.\\d+\\.)(\\d+)\u2013\\1(\\d+)");

    @Test
    void everySupportedSdkReleaseIsPreparedForEveryClassAndEverySetOfFeatures() throws Exception {
        List<String> versions = supportedVersions(Files.readString(README), SDK_TABLE);
        assertTrue(versions.contains("2.1.0") && versions.contains("1.0.1"), "README table not read: " + versions);
        assertPrepared(new McpSdk(), versions, Path.of("target", "sdk-releases"), "mcp-core-");
    }

    @Test
    void everySupportedLangChain4jReleaseIsPreparedForEveryClassAndEverySetOfFeatures() throws Exception {
        List<String> versions = supportedVersions(Files.readString(README), LANGCHAIN4J_TABLE);
        assertTrue(versions.contains("1.18.1-beta28") && versions.contains("1.6.0-beta12"),
                "README table not read: " + versions);
        assertPrepared(new LangChain4jMcp(), versions, Path.of("target", "langchain4j-releases"), "langchain4j-mcp-");
    }

    @Test
    void everySupportedAdkReleaseIsPreparedForEveryClassAndEverySetOfFeatures() throws Exception {
        List<String> versions = supportedVersions(Files.readString(README), ADK_TABLE, 1);
        assertTrue(versions.contains("1.8.0"), "README table not read: " + versions);
        assertPrepared(new GoogleAdk(), versions, Path.of("target", "adk-releases"), "google-adk-");
    }

    private static void assertPrepared(InstrumentedLibrary library, List<String> versions, Path releases,
            String jarPrefix) throws Exception {
        Map<String, List<ClassInstrumentation>> byType = new TreeMap<>();
        library.instrumentations().forEach(i -> byType.computeIfAbsent(i.type(), t -> new ArrayList<>()).add(i));
        for (String version : versions) {
            Path jar = releases.resolve(jarPrefix + version + ".jar");
            assertTrue(Files.isRegularFile(jar), library.bannerKey() + " " + version
                    + " is supported but not prepared (agent/pom.xml)");
            try (URLClassLoader release = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                for (Map.Entry<String, List<ClassInstrumentation>> type : byType.entrySet()) {
                    byte[] original = classFile(release, type.getKey());
                    for (List<ClassInstrumentation> features : PreparedAccess.subsets(type.getValue())) {
                        assertNotNull(PreparedAccess.woven(library, release, features, type.getKey(), original),
                                library.bannerKey() + " " + version + ": " + type.getKey() + " with " + features
                                        .stream().map(i -> i.feature().featureName()).toList());
                    }
                }
            }
        }
    }

    @Test
    void readsVersionsListedAndRangesFromTheSupportedRowsOnly() {
        String table = "## Supported SDK versions\n\n| line | versions checked | status |\n| --- | --- | --- |\n"
                + "| 1.x | 1.0.0\u20131.0.2, 1.1.5 | supported: yes |\n| \u2264 0.10 | 0.10.0 | left untouched |\n\n"
                + "**LangChain4j**\n\n| line | versions checked | status |\n| --- | --- | --- |\n"
                + "| 1.18.x | 1.18.1-beta28 | supported |\n\n## Next\n| 9.x | 9.9.9 | supported |\n";
        assertEquals(List.of("1.0.0", "1.0.1", "1.0.2", "1.1.5"), supportedVersions(table, SDK_TABLE));
        assertEquals(List.of("1.18.1-beta28"), supportedVersions(table.replace("**LangChain4j**",
                LANGCHAIN4J_TABLE), LANGCHAIN4J_TABLE));
    }

    /**
     * The versions of the rows marked supported in the README's first table after {@code heading} (within its
     * section): the SDK's under "Supported SDK versions", then LangChain4j's under its own line in that section.
     */
    static List<String> supportedVersions(String readme, String heading) {
        return supportedVersions(readme, heading, 2);
    }

    /** As above, with the versions in the table's {@code column}th column (ADK's table lists the SDK it brings after). */
    static List<String> supportedVersions(String readme, String heading, int column) {
        String section = readme.substring(readme.indexOf(heading));
        int next = section.indexOf("\n## ", 1);
        section = next < 0 ? section : section.substring(0, next);
        List<String> versions = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[3].trim().startsWith("supported")) {
                continue;
            }
            for (String listed : cells[column].split(",")) {
                Matcher range = RANGE.matcher(listed.trim());
                if (range.matches()) {
                    for (int patch = Integer.parseInt(range.group(2)); patch <= Integer.parseInt(range.group(3));
                            patch++) {
                        versions.add(range.group(1) + patch);
                    }
                } else {
                    versions.add(listed.trim());
                }
            }
        }
        return versions;
    }

    private static byte[] classFile(ClassLoader loader, String typeName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(typeName.replace('.', '/') + ".class")) {
            assertNotNull(in, typeName);
            return in.readAllBytes();
        }
    }
}
