package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.lang.reflect.Method;
import reactor.core.publisher.Mono;

/**
 * A gateway whose HTTP client is its own, shared by its MCP connections, and whose request customizer can fail: at
 * close it refuses the session's DELETE (the token service it asks is already down). java-sdk #547: the transport
 * session then never lets go of its event stream, which stays open on the host's client. Arguments:
 * {@code streamable <url>}. Reports {@code streamsBefore} (open streams once the event stream is up),
 * {@code closed} (what {@code closeGracefully()} returned), {@code streamsDisposed} (whether the session let go of
 * them) and, on JDK 21+, where {@code HttpClient.close()} waits for every exchange to end, {@code sharedClientClosed}
 * (whether the gateway's own close of its client came back within {@link Scenarios#HOST_CLOSE_WAIT}:
 * {@code true}, {@code false} (it never does while a stream is left open on it) or {@code threw}).
 */
public final class DeleteRefused extends ScenarioApp {

    public static void main(String[] args) {
        new DeleteRefused().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        SharedHttpClient.SharingBuilder sharing = new SharedHttpClient.SharingBuilder();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(args[1])
                .clientBuilder(sharing)
                .asyncHttpRequestCustomizer((builder, method, uri, body, context) -> "DELETE".equals(method)
                        ? Mono.error(new IllegalStateException("token service unavailable"))
                        : Mono.just(builder))
                .build();
        McpSyncClient client = Clients.initializedAndQuiet(McpClient.sync(transport)
                .requestTimeout(Clients.TIMEOUT).initializationTimeout(Clients.TIMEOUT), "streamable", args[1]);
        client.callTool(Clients.ECHO);
        Object streams = SessionInternals.openStreams(transport);
        Method size = streams.getClass().getMethod("size");
        size.setAccessible(true);
        Scenarios.await(() -> (Integer) size.invoke(streams) > 0, Clients.TIMEOUT);
        report.put("streamsBefore", String.valueOf(size.invoke(streams)));
        report.put("closed", client.closeGracefully());
        Method isDisposed = streams.getClass().getMethod("isDisposed");
        isDisposed.setAccessible(true);
        report.put("streamsDisposed", String.valueOf(isDisposed.invoke(streams)));
        if (sharing.shared instanceof AutoCloseable) {
            report.put("sharedClientClosed",
                    Scenarios.closesWithin((AutoCloseable) sharing.shared, Scenarios.HOST_CLOSE_WAIT));
        }
    }
}
