package dev.mcpguard.agent.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

/**
 * Names the SDK a class loader sees, e.g. {@code io.modelcontextprotocol.sdk:mcp-core 2.1.0}, from the Maven
 * metadata next to the SDK's classes (the same jar, whatever the URL scheme of a fat or nested jar).
 */
public final class SdkVersion {

    static final String PROBE_CLASS = "io/modelcontextprotocol/client/McpAsyncClient.class";
    private static final String[] ARTIFACTS = {"mcp-core", "mcp"};

    private SdkVersion() {
    }

    /** True when {@code loader} can see the SDK's client classes. */
    public static boolean visibleTo(ClassLoader loader) {
        return loader != null && loader.getResource(PROBE_CLASS) != null;
    }

    /** A name for the SDK {@code loader} sees, or "an SDK of unknown version" when its metadata is missing. */
    public static String describe(ClassLoader loader) {
        URL probe = loader == null ? null : loader.getResource(PROBE_CLASS);
        if (probe != null) {
            String root = probe.toString().substring(0, probe.toString().length() - PROBE_CLASS.length());
            for (String artifact : ARTIFACTS) {
                String version = versionAt(root + "META-INF/maven/" + Sdk.MAVEN_GROUP + "/" + artifact
                        + "/pom.properties");
                if (version != null) {
                    return Sdk.MAVEN_GROUP + ":" + artifact + " " + version;
                }
            }
        }
        return "an SDK of unknown version";
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
