package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import org.junit.jupiter.api.Test;

class TargetJvmTest {

    @Test
    void findsTheSdkJarOnAClassPath() {
        String classPath = String.join(File.pathSeparator, "/app/classes", "/m2/mcp-json-jackson3-2.1.0.jar",
                "/m2/mcp-core-2.1.0.jar", "/m2/reactor-core-3.7.0.jar");
        assertEquals("io.modelcontextprotocol.sdk:mcp-core 2.1.0 on the class path",
                TargetJvm.sdkOnClassPath(classPath));
        assertEquals("io.modelcontextprotocol.sdk:mcp 0.10.0 on the class path",
                TargetJvm.sdkOnClassPath("/old/mcp-0.10.0.jar"));
        assertNull(TargetJvm.sdkOnClassPath("/x/mcp-guard.jar" + File.pathSeparator + "/x/app.jar"));
        assertNull(TargetJvm.sdkOnClassPath(""));
    }

    @Test
    void mainIsTheFirstWordOnly() {
        assertEquals("com.example.Main", ListCommand.mainOf("com.example.Main --token secret"));
        assertEquals("app.jar", ListCommand.mainOf("app.jar"));
        assertEquals("(unknown main)", ListCommand.mainOf(""));
    }
}
