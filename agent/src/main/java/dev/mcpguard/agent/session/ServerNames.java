package dev.mcpguard.agent.session;

import dev.mcpguard.agent.reflect.Fields;
import java.net.URI;

/**
 * A name for the server behind a transport, for messages a user reads: {@code 127.0.0.1:3001} for HTTP,
 * the command for stdio. Never a URL's path or query, nor a command's arguments or environment: they may hold
 * secrets.
 */
final class ServerNames {

    private ServerNames() {
    }

    static String of(Object transport) {
        if (transport == null) {
            return "(no transport)";
        }
        Object uri = Fields.read(transport, "baseUri");
        if (uri instanceof URI && ((URI) uri).getHost() != null) {
            URI base = (URI) uri;
            return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
        }
        Object params = Fields.read(transport, "params");
        Object command = params == null ? null : Fields.read(params, "command");
        if (command instanceof String) {
            String path = (String) command;
            return "'" + path.substring(path.lastIndexOf('/') + 1) + "' (stdio)";
        }
        return transport.getClass().getSimpleName();
    }
}
