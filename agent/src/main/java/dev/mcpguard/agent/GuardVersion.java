package dev.mcpguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this mcp-guard build, written into the jar by Maven. */
public final class GuardVersion {

    private GuardVersion() {
    }

    public static String get() {
        try (InputStream in = GuardVersion.class.getResourceAsStream("mcp-guard.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
