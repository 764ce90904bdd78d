package dev.mcpguard.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

/**
 * Names the library jar that holds a class a class loader sees, e.g. {@code io.modelcontextprotocol.sdk:mcp-core
 * 2.1.0}, from the Maven metadata next to that class (the same jar, whatever the URL scheme of a fat or nested jar).
 */
public final class MavenArtifact {

    private MavenArtifact() {
    }

    /**
     * @param probeClass a class file of the library, e.g. {@code io/modelcontextprotocol/client/McpAsyncClient.class}
     * @param artifacts the artifact ids the library's jar may have, the first found wins
     * @return {@code group:artifact version}, or null when {@code loader} does not see the class or its metadata
     */
    public static String describe(ClassLoader loader, String probeClass, String group, String... artifacts) {
        URL probe = loader == null ? null : loader.getResource(probeClass);
        if (probe == null) {
            return null;
        }
        String root = probe.toString().substring(0, probe.toString().length() - probeClass.length());
        for (String artifact : artifacts) {
            String version = versionAt(root + "META-INF/maven/" + group + "/" + artifact + "/pom.properties");
            if (version != null) {
                return group + ":" + artifact + " " + version;
            }
        }
        return null;
    }

    private static String versionAt(String url) {
        try (InputStream in = new URL(url).openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
