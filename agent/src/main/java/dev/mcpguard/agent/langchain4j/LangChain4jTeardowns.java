package dev.mcpguard.agent.langchain4j;

import dev.mcpguard.agent.session.Teardown;
import dev.mcpguard.agent.termination.HttpClientTeardown;
import dev.mcpguard.agent.termination.ProcessTreeTeardown;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;

/**
 * Which teardown a LangChain4j client gets: its stdio server's process tree; the HttpClient its Streamable HTTP
 * transport built for itself alone (its {@code close()} ends that client on JDK 21+ only); none for the legacy HTTP
 * transport, whose OkHttp client LangChain4j may share.
 */
final class LangChain4jTeardowns {

    private LangChain4jTeardowns() {
    }

    static Teardown of(Object client, Object transport) {
        // Weak, as everything the registry keeps: the transport and the scheduler lead back to the client.
        WeakReference<Object> weakTransport = new WeakReference<>(transport);
        if (LangChain4j.isStreamable(transport)) {
            return new HttpClientTeardown(() -> httpClient(weakTransport.get()));
        }
        if (!LangChain4j.isStdio(transport)) {
            return Teardown.NONE;
        }
        WeakReference<Object> weakClient = new WeakReference<>(client);
        return new ProcessTreeTeardown(() -> LangChain4jClient.process(weakTransport.get()),
                () -> stopHealthCheck(weakClient.get()));
    }

    private static HttpClient httpClient(Object transport) {
        Object http = transport == null ? null : LangChain4j.STREAMABLE_HTTP_CLIENT.read(transport);
        return http instanceof HttpClient ? (HttpClient) http : null;
    }

    /**
     * The transport's reader threads belong to LangChain4j's shared executor and end with their streams; the client's
     * own thread is the health check, which a forced close must not leave running.
     */
    private static void stopHealthCheck(Object client) {
        Object scheduler = client == null ? null : LangChain4j.CLIENT_HEALTH_CHECK_SCHEDULER.read(client);
        if (scheduler instanceof ExecutorService) {
            ((ExecutorService) scheduler).shutdownNow();
        }
    }
}
