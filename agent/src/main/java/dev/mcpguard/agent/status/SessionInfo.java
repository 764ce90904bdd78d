package dev.mcpguard.agent.status;

/**
 * One open session as the MBean shows it. A bean with getters because that is what an MXBean maps to an open
 * composite; nothing here names what a server is given (environment, headers, arguments).
 */
public final class SessionInfo {

    private final long id;
    private final String transport;
    private final String server;
    private final String owner;
    private final long ageMillis;
    private final boolean adopted;

    public SessionInfo(long id, String transport, String server, String owner, long ageMillis, boolean adopted) {
        this.id = id;
        this.transport = transport;
        this.server = server;
        this.owner = owner;
        this.ageMillis = ageMillis;
        this.adopted = adopted;
    }

    public long getId() {
        return id;
    }

    public String getTransport() {
        return transport;
    }

    /** {@code node (pid 1234)} for stdio, {@code http://127.0.0.1:3001} for HTTP: no arguments, path or query. */
    public String getServer() {
        return server;
    }

    public String getOwner() {
        return owner;
    }

    /** Since the session opened; for an adopted session, since the agent adopted it. */
    public long getAgeMillis() {
        return ageMillis;
    }

    /** Opened before mcp-guard was attached, and guarded since its first close began. */
    public boolean isAdopted() {
        return adopted;
    }
}
