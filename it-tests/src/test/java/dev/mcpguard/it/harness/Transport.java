package dev.mcpguard.it.harness;

/** The three SDK client transports a scenario can run over, each against server-everything. */
public enum Transport {
    STDIO("stdio", null),
    STREAMABLE("streamable", EverythingServer.Mode.STREAMABLE_HTTP),
    SSE("sse", EverythingServer.Mode.SSE);

    private final String argument;
    private final EverythingServer.Mode serverMode;

    Transport(String argument, EverythingServer.Mode serverMode) {
        this.argument = argument;
        this.serverMode = serverMode;
    }

    /** Makes a server available for this transport: for stdio the app spawns it itself. */
    public Endpoint open() {
        if (serverMode == null) {
            return new Endpoint(argument, EverythingServer.stdioTarget(), null);
        }
        EverythingServer server = EverythingServer.start(serverMode);
        return new Endpoint(argument, server.url(), server);
    }

    /** Where a scenario app connects; closing it stops the HTTP server, if there is one. */
    public record Endpoint(String transport, String target, EverythingServer server) implements AutoCloseable {

        /** {@code <transport> <target> extra...}: the arguments every client scenario starts with. */
        public String[] scenarioArgs(String... extra) {
            String[] args = new String[2 + extra.length];
            args[0] = transport;
            args[1] = target;
            System.arraycopy(extra, 0, args, 2, extra.length);
            return args;
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
