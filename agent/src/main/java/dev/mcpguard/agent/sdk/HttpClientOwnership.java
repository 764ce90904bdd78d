package dev.mcpguard.agent.sdk;

import dev.mcpguard.agent.session.WeakIdentityMap;

/**
 * Which HTTP transports hold an {@code HttpClient} built for them alone. A host may hand the SDK's builders an
 * {@code HttpClient.Builder} of its own whose {@code build()} returns one client it shares; shutting that down when
 * one transport closes would break every other user. Only the JDK's own builder is known to make a new client per
 * {@code build()}, so only a transport built through it owns its client; any other builder, and a transport built
 * before the agent was attached, is treated as sharing its client.
 */
final class HttpClientOwnership {

    /** The JDK's {@code HttpClient.newBuilder()}: not exported, so no host can subclass it. */
    static final String JDK_BUILDER = "jdk.internal.net.http.HttpClientBuilderImpl";

    private static final WeakIdentityMap<Boolean> OWNING = new WeakIdentityMap<>();

    private HttpClientOwnership() {
    }

    /** {@code transport} was just built with the client {@code clientBuilder} gave it. */
    static void built(Object transport, Object clientBuilder) {
        if (transport != null && clientBuilder != null && clientBuilder.getClass().getName().equals(JDK_BUILDER)) {
            OWNING.put(transport, Boolean.TRUE);
        }
    }

    /** Whether {@code transport}'s HttpClient was built for it alone, so it may be shut down with it. */
    static boolean ownsItsClient(Object transport) {
        return OWNING.get(transport) != null;
    }
}
