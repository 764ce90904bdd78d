package dev.mcpguard.agent.session;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * How every library names a server, so that sessions of different client objects, or of different libraries, to the
 * same server meet under one key ({@link ClientHandle#serverKey}): an HTTP server by the scheme, host, port and path
 * of the endpoint it is called at, a stdio server by its whole command line. A key may carry a secret (a token in an
 * argument) and is never printed; a name carries none.
 */
public final class ServerIdentity {

    private ServerIdentity() {
    }

    /** The key of an HTTP endpoint: scheme, host, port (the scheme's default if none is given) and path. */
    public static String httpKey(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + ":" + port(endpoint) + endpoint.getPath();
    }

    /** The key of a stdio server: its command and every argument, each ended by a NUL (no two lines share one). */
    public static String stdioKey(List<?> commandLine) {
        StringBuilder key = new StringBuilder("stdio ");
        for (Object part : commandLine) {
            key.append(part).append('\0');
        }
        return key.toString();
    }

    /** A stdio server's name: its command's file name, never an argument; null when it has none. */
    public static String stdioName(Object command) {
        if (command == null) {
            return null;
        }
        try {
            Path file = Paths.get(command.toString()).getFileName();
            return file == null ? null : file.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code http://127.0.0.1:3001}: an HTTP server without path, query, user info or headers. */
    public static String httpName(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost()
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    /** Where an HTTP server listens, unresolved; null when the URI has no host. */
    public static InetSocketAddress address(URI endpoint) {
        return endpoint.getHost() == null ? null : InetSocketAddress.createUnresolved(endpoint.getHost(), port(endpoint));
    }

    private static int port(URI endpoint) {
        return endpoint.getPort() != -1 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }
}
