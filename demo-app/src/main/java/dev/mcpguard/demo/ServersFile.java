package dev.mcpguard.demo;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The servers a user gives the gateway in a properties file ({@code --servers-file}) in place of its embedded
 * server-everything pair, one or two keys per server:
 *
 * <pre>
 * # a server the gateway starts and speaks to over stdio: its command line, split at white space
 * files.command = npx -y @modelcontextprotocol/server-filesystem /tmp
 * # a server already listening: the URL of its Streamable HTTP endpoint
 * remote.url = http://127.0.0.1:3001/mcp
 * </pre>
 *
 * The file is read before anything starts (as a properties file: a backslash is written {@code \\}), and every
 * mistake in it is a usage error naming the key, a key given twice included.
 */
final class ServersFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final String COMMAND = "command";
    private static final String URL = "url";

    private ServersFile() {
    }

    /** The file's servers, sorted by name. */
    static List<McpServerConnection> read(Path file) throws DemoOptions.UsageException {
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    throw new IllegalArgumentException("key '" + key + "' is given twice");
                }
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new DemoOptions.UsageException("the servers file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new DemoOptions.UsageException("cannot read the servers file " + file + ": " + e.getMessage());
        }
        Map<String, McpServerConnection> servers = new TreeMap<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
            String value = properties.getProperty(key).trim();
            int dot = key.lastIndexOf('.');
            String name = dot > 0 ? key.substring(0, dot) : "";
            String kind = key.substring(dot + 1);
            if (!NAME.matcher(name).matches() || !(kind.equals(COMMAND) || kind.equals(URL))) {
                throw problem(file, key, "is not <name>.command or <name>.url with a name of 1 to 16 letters, digits,"
                        + " '-' or '_'");
            }
            if (value.isEmpty()) {
                throw problem(file, key, "is empty");
            }
            if (servers.containsKey(name)) {
                throw problem(file, key, "gives server '" + name + "' a second way to reach it; a server has either"
                        + " a command or a url");
            }
            servers.put(name, kind.equals(COMMAND) ? stdio(name, value) : streamableHttp(file, key, name, value));
        }
        if (servers.isEmpty()) {
            throw new DemoOptions.UsageException("the servers file " + file + " names no server (keys <name>.command"
                    + " or <name>.url)");
        }
        return new ArrayList<>(servers.values());
    }

    private static McpServerConnection stdio(String name, String commandLine) {
        List<String> words = Arrays.asList(commandLine.split("\\s+"));
        return McpServerConnection.stdio(name, words.get(0), words.subList(1, words.size()));
    }

    private static McpServerConnection streamableHttp(Path file, String key, String name, String url)
            throws DemoOptions.UsageException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw problem(file, key, "is not a URL: " + e.getMessage());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw problem(file, key, "is not an http:// or https:// URL with a host name (letters, digits, '-' and '.')"
                    + " or address");
        }
        String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            endpoint += "?" + uri.getRawQuery();
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        return McpServerConnection.streamableHttp(name, base, endpoint);
    }

    private static DemoOptions.UsageException problem(Path file, String key, String what) {
        return new DemoOptions.UsageException("servers file " + file + ": key '" + key + "' " + what);
    }
}
