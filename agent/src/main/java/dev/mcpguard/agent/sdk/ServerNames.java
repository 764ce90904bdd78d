package dev.mcpguard.agent.sdk;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Paths;

/**
 * Names the server behind a transport in words that carry no secret: the command's file name of a stdio server
 * (never its arguments or environment), the scheme, host and port of an HTTP one (never its path, query, user
 * info or headers). Best effort: a field the SDK renamed gives "unknown", never a failure.
 */
final class ServerNames {

    private static final String UNKNOWN = "unknown";

    private ServerNames() {
    }

    /** {@code http://127.0.0.1:3001}, or {@code node} for a stdio server. */
    static String of(Object transport) {
        return name(transport, false);
    }

    /** As {@link #of}, with a stdio server's pid and whether it still runs, for the status. */
    static String withProcess(Object transport) {
        return name(transport, true);
    }

    private static String name(Object transport, boolean withProcess) {
        if (transport == null) {
            return UNKNOWN;
        }
        try {
            // By name on any transport, the SDK's or a framework's of the same shape.
            Object uri = Sdk.STREAMABLE_BASE_URI.read(transport);
            if (uri instanceof URI) {
                URI base = (URI) uri;
                return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
            }
            Object params = Sdk.STDIO_PARAMS.read(transport);
            if (params != null) {
                String command = command(params);
                return withProcess ? command + process(Sdk.STDIO_PROCESS.read(transport)) : command;
            }
        } catch (Exception e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /**
     * The server's whole identity, for sharing one reconnect budget among the sessions to it: an HTTP server's base
     * URI without user info, query or fragment plus the transport's endpoint, a stdio server's command and every
     * argument. Never printed (an argument may be a token). Null when it cannot be read.
     */
    static String key(Object transport) {
        if (transport == null) {
            return null;
        }
        try {
            Object uri = Sdk.STREAMABLE_BASE_URI.read(transport);
            if (uri instanceof URI) {
                URI base = (URI) uri;
                Object endpoint = Sdk.isStreamable(transport) ? Sdk.STREAMABLE_ENDPOINT.read(transport)
                        : Sdk.SSE_ENDPOINT_PATH.read(transport);
                return base.getScheme() + "://" + base.getHost() + ":" + base.getPort() + base.getPath() + " "
                        + endpoint;
            }
            Object params = Sdk.STDIO_PARAMS.read(transport);
            if (params != null) {
                return Sdk.SERVER_COMMAND.invoke(params) + " " + Sdk.SERVER_ARGS.invoke(params);
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    /** Where an HTTP server listens (its base URI's host and port, unresolved), or null for any other transport. */
    static InetSocketAddress address(Object transport) {
        Object uri = transport == null ? null : Sdk.STREAMABLE_BASE_URI.read(transport);
        if (!(uri instanceof URI) || ((URI) uri).getHost() == null) {
            return null;
        }
        URI base = (URI) uri;
        int port = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        return InetSocketAddress.createUnresolved(base.getHost(), port);
    }

    private static String command(Object params) throws Exception {
        Object command = Sdk.SERVER_COMMAND.invoke(params);
        return command == null ? UNKNOWN : Paths.get(command.toString()).getFileName().toString();
    }

    private static String process(Object process) {
        if (process instanceof Process) {
            Process p = (Process) process;
            return " (pid " + p.pid() + (p.isAlive() ? "" : ", exited") + ")";
        }
        return " (not started)";
    }
}
