package dev.mcpguard.it.app;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A host on an SDK the agent does not support (io.modelcontextprotocol.sdk:mcp 0.10.0): it loads
 * and initialises {@code McpAsyncClient}, then runs one stdio session. Argument: server-everything's
 * index.js. This class is compiled against the current SDK but runs against 0.10.0, whose API
 * differs (no McpJsonMapper), so it goes through reflection.
 * Reports {@code asyncClientLoaded=true}, {@code tools=N}, {@code closed=true|false}.
 */
public final class OldSdkHost extends ScenarioApp {

    private static final String CLIENT = "io.modelcontextprotocol.client.";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) {
        new OldSdkHost().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        ClassLoader loader = OldSdkHost.class.getClassLoader();
        Class.forName(CLIENT + "McpAsyncClient", true, loader);
        report.put("asyncClientLoaded", true);

        Class<?> parametersType = Class.forName(CLIENT + "transport.ServerParameters", true, loader);
        Object builder = parametersType.getMethod("builder", String.class).invoke(null, "node");
        builder.getClass().getMethod("args", String[].class).invoke(builder, (Object) new String[] {args[0], "stdio"});
        Object parameters = builder.getClass().getMethod("build").invoke(builder);
        Object transport = Class.forName(CLIENT + "transport.StdioClientTransport", true, loader)
                .getConstructor(parametersType).newInstance(parameters);

        Class<?> transportType = Class.forName("io.modelcontextprotocol.spec.McpClientTransport", true, loader);
        Object spec = Class.forName(CLIENT + "McpClient", true, loader)
                .getMethod("sync", transportType).invoke(null, transport);
        spec.getClass().getMethod("requestTimeout", Duration.class).invoke(spec, TIMEOUT);
        spec.getClass().getMethod("initializationTimeout", Duration.class).invoke(spec, TIMEOUT);
        CountDownLatch listed = new CountDownLatch(1);
        Consumer<List<?>> onToolsChanged = tools -> listed.countDown();
        spec.getClass().getMethod("toolsChangeConsumer", Consumer.class).invoke(spec, onToolsChanged);
        Object client = spec.getClass().getMethod("build").invoke(spec);

        boolean closed = false;
        try {
            call(client, "initialize");
            report.noteChildren();
            // server-everything announces tools/list_changed right after initialization, and the SDK answers it with
            // a tools/list of its own. The old SDK's outbound sink is not serialized: a send that meets another fails
            // ("Failed to enqueue message") or is lost (then it waits out its timeout), so the host's own listTools
            // waits until that answer is in instead of asking again on failure.
            if (!listed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server-everything sent no tools/list_changed within " + TIMEOUT);
            }
            Object tools = call(call(client, "listTools"), "tools");
            report.put("tools", ((List<?>) tools).size());
            closed = (Boolean) call(client, "closeGracefully");
            report.put("closed", closed);
        } finally {
            if (!closed) {
                call(client, "close");
            }
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        // Public methods of SDK classes the module system sees as unexported (records, inner types).
        m.setAccessible(true);
        return m.invoke(target);
    }
}
