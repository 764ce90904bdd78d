package dev.mcpguard.it.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A host that shares one {@link HttpClient} among its MCP connections: its {@code HttpClient.Builder} hands out the
 * same client on every {@code build()}. Two Streamable HTTP sessions are built from it; the first is closed, then the
 * second is used. Arguments: {@code streamable <url>}. Reports {@code firstClosed}, {@code secondAfterFirstClosed}
 * ({@code returned} or the failure), {@code sharedClientTerminated} (JDK 21+, else {@code unknown}),
 * {@code secondClosed} and, on JDK 21+, {@code sharedClientClosed} (whether the host's own close of its client came
 * back within {@link Scenarios#HOST_CLOSE_WAIT}: {@code true}, {@code false} or {@code threw}).
 */
public final class SharedHttpClient extends ScenarioApp {

    public static void main(String[] args) {
        new SharedHttpClient().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        SharingBuilder sharing = new SharingBuilder();
        // Initialized without waiting for server-everything's tools/list_changed: it comes on the event stream, and a
        // second session's stream, opened late on a busy machine, can miss it.
        McpSyncClient first = client(args[1], sharing);
        McpSyncClient second = client(args[1], sharing);
        first.callTool(Clients.ECHO);
        second.callTool(Clients.ECHO);

        report.put("firstClosed", first.closeGracefully());
        try {
            second.callTool(Clients.ECHO);
            report.put("secondAfterFirstClosed", "returned");
        } catch (RuntimeException e) {
            report.put("secondAfterFirstClosed", Scenarios.describe(e));
        }
        report.put("sharedClientTerminated", terminated(sharing.shared));
        report.put("secondClosed", second.closeGracefully());
        // The host's own client, closed by the host (JDK 21+; on 17 its threads are daemons and end with the JVM).
        if (sharing.shared instanceof AutoCloseable) {
            report.put("sharedClientClosed",
                    Scenarios.closesWithin((AutoCloseable) sharing.shared, Scenarios.HOST_CLOSE_WAIT));
        }
    }

    private static McpSyncClient client(String url, HttpClient.Builder clientBuilder) {
        McpSyncClient client = McpClient.sync(transport(url, clientBuilder))
                .requestTimeout(Clients.TIMEOUT).initializationTimeout(Clients.TIMEOUT).build();
        client.initialize();
        return client;
    }

    private static HttpClientStreamableHttpTransport transport(String url, HttpClient.Builder clientBuilder) {
        return HttpClientStreamableHttpTransport.builder(url).clientBuilder(clientBuilder).build();
    }

    /** {@code HttpClient.isTerminated()} exists from JDK 21 on; the apps are compiled for 17. */
    private static String terminated(HttpClient client) {
        try {
            return String.valueOf(HttpClient.class.getMethod("isTerminated").invoke(client));
        } catch (NoSuchMethodException beforeJdk21) {
            return "unknown";
        } catch (ReflectiveOperationException e) {
            return "failed: " + e;
        }
    }

    /** Configures one JDK client once and hands it to every caller of {@link #build()}. */
    static final class SharingBuilder implements HttpClient.Builder {
        private final HttpClient.Builder delegate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        HttpClient shared;

        @Override
        public synchronized HttpClient build() {
            if (shared == null) {
                shared = delegate.build();
            }
            return shared;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }
    }
}
