package dev.mcpguard.it.app;

import java.util.Arrays;
import java.util.List;

/**
 * A launcher in the way of Maven or Spring Boot's devtools: a JVM without the MCP SDK that starts the application in
 * a second JVM, which inherits its environment (and so {@code JAVA_TOOL_OPTIONS}) and its standard streams.
 * Arguments: the second JVM's whole command line. Exits with the second JVM's status.
 */
public final class LaunchesSecondJvm {

    private LaunchesSecondJvm() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = Arrays.asList(args);
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        System.exit(status);
    }
}
