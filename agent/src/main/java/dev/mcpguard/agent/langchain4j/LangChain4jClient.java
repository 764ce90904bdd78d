package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.closedguard.ClosedGuard;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.ClientHandle;
import dev.mcpguard.agent.session.ServerIdentity;
import dev.mcpguard.bootstrap.PassThrough;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code DefaultMcpClient} as the core sees it. Its close runs LangChain4j's own close body: the woven advice lets
 * this one call through, so the agent's close never comes back to the agent. LangChain4j has one close, which
 * signals the server and returns; the graceful close is that close followed by the server's exit.
 */
final class LangChain4jClient implements ClientHandle {

    private static final String UNKNOWN = "unknown";
    static final String CLOSED_IN_FLIGHT = "The MCP client was closed while this request was in flight. "
            + ClosedGuard.CLOSED_CLIENT_STAYS_CLOSED + ": build a new client to reconnect.";

    /** Weak: the registry must not keep a client the application dropped. */
    private final WeakReference<Object> client;
    private final WeakReference<Object> transport;

    LangChain4jClient(Object client, Object transport) {
        this.client = new WeakReference<>(client);
        this.transport = new WeakReference<>(transport);
    }

    @Override
    public CompletableFuture<?> closeGracefully() throws Exception {
        close();
        Process process = process(transport.get());
        return process == null ? CompletableFuture.completedFuture(null) : process.onExit();
    }

    @Override
    public void close() throws Exception {
        Object c = client.get();
        if (c != null) {
            PassThrough.run(c, () -> LangChain4j.CLIENT_CLOSE.invoke(c));
            failPendingWhenServerExits();
        }
    }

    /**
     * A closed stdio client's server may still answer until it exits (before 1.18 LangChain4j goes on reading its
     * output); once it has, the requests left in flight can never be answered, yet before 1.18 they wait out their
     * timeout (1.18 fails them itself). They fail then, with the closed client's message, which a host's reconnect
     * loop sees as a teardown artifact (the classifier's {@code client-closed}). Over HTTP nothing changes.
     */
    private void failPendingWhenServerExits() {
        Process process = process(transport.get());
        if (process != null) {
            process.onExit().thenRun(() -> {
                int failed = failPending(CLOSED_IN_FLIGHT);
                if (failed > 0) {
                    GuardLog.debug("failed " + failed + " request(s) in flight of a closed LangChain4j client whose"
                            + " server (pid " + process.pid() + ") exited");
                }
            });
        }
    }

    /** A client that was built is initialized: its constructor returns only then. */
    @Override
    public boolean isReady() {
        return client.get() != null;
    }

    @Override
    public boolean isGone() {
        return client.get() == null;
    }

    @Override
    public String serverDetail() {
        Object t = transport.get();
        Process process = process(t);
        String pid = process == null ? " (not started)"
                : " (pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ")";
        return serverName(t) + (LangChain4j.isStdio(t) ? pid : "");
    }

    /** Fails the client's requests in flight with {@code cause}, as LangChain4j 1.18 does itself; how many. */
    int failPending(String cause) {
        Object c = client.get();
        Object pending = c == null ? null : LangChain4j.CLIENT_PENDING_OPERATIONS.read(c);
        if (!(pending instanceof Map)) {
            return 0;
        }
        int failed = 0;
        for (Object operation : List.copyOf(((Map<?, ?>) pending).values())) {
            if (operation instanceof CompletableFuture
                    && ((CompletableFuture<?>) operation).completeExceptionally(new IllegalStateException(cause))) {
                failed++;
            }
        }
        return failed;
    }

    /** The server in words that carry no secret, as {@link #serverName(Object)}. */
    String serverName() {
        return serverName(transport.get());
    }

    /** The stdio server process the client's transport holds now, or null. */
    Process process() {
        return process(transport.get());
    }

    /** The stdio server process the transport holds now, or null. */
    static Process process(Object transport) {
        Object process = LangChain4j.isStdio(transport) ? LangChain4j.STDIO_PROCESS.read(transport) : null;
        return process instanceof Process ? (Process) process : null;
    }

    /**
     * The command's file name of a stdio server (never its arguments or environment, which may carry secrets), the
     * scheme, host and port of an HTTP one (never its path or query), or {@code unknown}.
     */
    static String serverName(Object transport) {
        URI endpoint = endpoint(transport);
        if (endpoint != null) {
            return ServerIdentity.httpName(endpoint);
        }
        List<?> commandLine = commandLine(transport);
        String name = commandLine == null ? null : ServerIdentity.stdioName(commandLine.get(0));
        return name == null ? UNKNOWN : name;
    }

    @Override
    public String serverKey() {
        Object t = transport.get();
        URI endpoint = endpoint(t);
        if (endpoint != null) {
            return ServerIdentity.httpKey(endpoint);
        }
        List<?> commandLine = commandLine(t);
        return commandLine == null ? null : ServerIdentity.stdioKey(commandLine);
    }

    @Override
    public InetSocketAddress serverAddress() {
        URI endpoint = endpoint(transport.get());
        return endpoint == null ? null : ServerIdentity.address(endpoint);
    }

    /** A stdio transport's command and arguments, or null. */
    private static List<?> commandLine(Object transport) {
        Object command = LangChain4j.isStdio(transport) ? LangChain4j.STDIO_COMMAND.read(transport) : null;
        return command instanceof List && !((List<?>) command).isEmpty() ? (List<?>) command : null;
    }

    /** A Streamable HTTP transport's endpoint, or null (another transport, or a URL that does not parse). */
    private static URI endpoint(Object transport) {
        Object url = LangChain4j.isStreamable(transport) ? LangChain4j.STREAMABLE_URL.read(transport) : null;
        try {
            URI uri = url instanceof String ? new URI((String) url) : null;
            return uri != null && uri.getScheme() != null && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
