package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.install.LibraryMember;
import dev.mcpguard.agent.log.GuardLog;
import dev.mcpguard.agent.session.Teardown;
import dev.mcpguard.agent.termination.HttpClientTeardown;
import dev.mcpguard.agent.termination.ProcessTreeTeardown;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;

/** Which teardown an SDK transport gets: a process tree (stdio), its own HttpClient (HTTP), or none. */
final class SdkTeardowns {

    private SdkTeardowns() {
    }

    static Teardown of(Object transport) {
        // Weak, as everything the registry keeps: the transport leads back to its client.
        WeakReference<Object> weak = new WeakReference<>(transport);
        if (Sdk.isStdio(transport)) {
            return new ProcessTreeTeardown(() -> StdioTransports.process(weak.get()),
                    () -> StdioTransports.shutDownThreads(weak.get()));
        }
        LibraryMember httpClient = Sdk.isStreamable(transport) ? Sdk.STREAMABLE_HTTP_CLIENT
                : Sdk.isSse(transport) ? Sdk.SSE_HTTP_CLIENT : null;
        if (httpClient == null) {
            return Teardown.NONE;
        }
        if (!HttpClientOwnership.ownsItsClient(transport)) {
            GuardLog.debug("the HttpClient of an MCP " + transport.getClass().getSimpleName()
                    + " is not known to be its own (the host's HttpClient.Builder may share it): left running");
            return Teardown.NONE;
        }
        return new HttpClientTeardown(() -> {
            Object client = httpClient.read(weak.get());
            return client instanceof HttpClient ? (HttpClient) client : null;
        });
    }
}
