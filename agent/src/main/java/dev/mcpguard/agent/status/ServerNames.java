package dev.mcpguard.agent.status;

import dev.mcpguard.agent.reflect.Fields;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Paths;

/**
 * Names the server behind a transport for the status, in words that carry no secret: the command's file name and
 * pid of a stdio server (never its arguments or environment), the scheme, host and port of an HTTP one (never its
 * path, query, user info or headers). Best effort: a field the SDK renamed gives "unknown", never a failure.
 */
final class ServerNames {

    private static final String UNKNOWN = "unknown";

    private ServerNames() {
    }

    static String of(Object transport) {
        if (transport == null) {
            return UNKNOWN;
        }
        try {
            Object uri = Fields.read(transport, "baseUri");
            if (uri instanceof URI) {
                URI base = (URI) uri;
                return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
            }
            Object params = Fields.read(transport, "params");
            if (params != null) {
                return stdio(params, Fields.read(transport, "process"));
            }
        } catch (RuntimeException | ReflectiveOperationException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static String stdio(Object params, Object process) throws ReflectiveOperationException {
        Method getCommand = params.getClass().getMethod("getCommand");
        Object command = getCommand.invoke(params);
        String name = command == null ? UNKNOWN : Paths.get(command.toString()).getFileName().toString();
        if (process instanceof Process) {
            Process p = (Process) process;
            return name + " (pid " + p.pid() + (p.isAlive() ? "" : ", exited") + ")";
        }
        return name + " (not started)";
    }
}
