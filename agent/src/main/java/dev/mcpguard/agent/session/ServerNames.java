package dev.mcpguard.agent.session;

import dev.mcpguard.agent.reflect.Fields;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Paths;

/**
 * Names the server behind a transport in words that carry no secret: the command's file name of a stdio server
 * (never its arguments or environment), the scheme, host and port of an HTTP one (never its path, query, user
 * info or headers). Best effort: a field the SDK renamed gives "unknown", never a failure.
 */
public final class ServerNames {

    private static final String UNKNOWN = "unknown";

    private ServerNames() {
    }

    /** {@code http://127.0.0.1:3001}, or {@code node} for a stdio server. */
    public static String of(Object transport) {
        return name(transport, false);
    }

    /** As {@link #of}, with a stdio server's pid and whether it still runs, for the status. */
    public static String withProcess(Object transport) {
        return name(transport, true);
    }

    private static String name(Object transport, boolean withProcess) {
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
                String command = command(params);
                return withProcess ? command + process(Fields.read(transport, "process")) : command;
            }
        } catch (RuntimeException | ReflectiveOperationException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static String command(Object params) throws ReflectiveOperationException {
        Method getCommand = params.getClass().getMethod("getCommand");
        Object command = getCommand.invoke(params);
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
