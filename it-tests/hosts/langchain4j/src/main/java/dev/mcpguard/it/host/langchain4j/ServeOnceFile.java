package dev.mcpguard.it.host.langchain4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The slow-ping server's serve-once mode ({@code MCP_GUARD_ONCE_FILE}): its first start serves, every later start adds
 * a line to the file and exits, so the file's lines count the starts, each a client's connection attempt.
 */
final class ServeOnceFile implements AutoCloseable {

    private final Path file;

    ServeOnceFile() throws IOException {
        file = Files.createTempFile("mcpguard-once-", ".pid");
        Files.delete(file);
    }

    /** The server's environment for this mode. */
    Map<String, String> environment() {
        return Map.of("MCP_GUARD_ONCE_FILE", file.toString());
    }

    /** How many times the server was started so far. */
    long starts() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
