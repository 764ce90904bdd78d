package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.session.ServerIdentity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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
                return ServerIdentity.httpName((URI) uri);
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
     * The server's whole identity, for sharing one reconnect budget among the sessions to it (see
     * {@link ServerIdentity}): the endpoint an HTTP transport posts to or opens its event stream at, a stdio server's
     * command line. Null when it cannot be read.
     */
    static String key(Object transport) {
        if (transport == null) {
            return null;
        }
        try {
            Object uri = Sdk.STREAMABLE_BASE_URI.read(transport);
            if (uri instanceof URI) {
                Object endpoint = Sdk.isStreamable(transport) ? Sdk.STREAMABLE_ENDPOINT.read(transport)
                        : Sdk.SSE_ENDPOINT_PATH.read(transport);
                URI base = (URI) uri;
                return ServerIdentity.httpKey(endpoint == null ? base : base.resolve(endpoint.toString()));
            }
            Object params = Sdk.STDIO_PARAMS.read(transport);
            if (params != null) {
                List<Object> commandLine = new ArrayList<>();
                commandLine.add(Sdk.SERVER_COMMAND.invoke(params));
                Object args = Sdk.SERVER_ARGS.invoke(params);
                if (args instanceof List) {
                    commandLine.addAll((List<?>) args);
                }
                return ServerIdentity.stdioKey(commandLine);
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    /** Where an HTTP server listens (its base URI's host and port, unresolved), or null for any other transport. */
    static InetSocketAddress address(Object transport) {
        Object uri = transport == null ? null : Sdk.STREAMABLE_BASE_URI.read(transport);
        return uri instanceof URI ? ServerIdentity.address((URI) uri) : null;
    }

    private static String command(Object params) throws Exception {
        String name = ServerIdentity.stdioName(Sdk.SERVER_COMMAND.invoke(params));
        return name == null ? UNKNOWN : name;
    }

    private static String process(Object process) {
        if (process instanceof Process) {
            Process p = (Process) process;
            return " (pid " + p.pid() + (p.isAlive() ? "" : ", exited") + ")";
        }
        return " (not started)";
    }
}
