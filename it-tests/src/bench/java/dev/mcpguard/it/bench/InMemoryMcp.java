package dev.mcpguard.it.bench;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An SDK client and an SDK server connected in memory: both ends are the SDK's own code (an {@code McpSyncClient},
 * an {@code McpServer.async(...)} server with its {@code McpServerSession}s); only the wire is this class. A message
 * crosses as JSON text, written by the SDK's mapper and parsed by {@code McpSchema.deserializeJsonRpcMessage}, as on
 * every SDK transport, and is handed to the other side on the sender's thread: no process, socket, queue or thread
 * hop, so a benchmark over it measures the SDK's work for each message, which is where the agent's advice sits, and
 * not the scheduler of a shared machine.
 *
 * <p>Closing follows stdio: a client transport that closes is the server's end of file, and the server closes that
 * session.
 */
public final class InMemoryMcp {

    private InMemoryMcp() {
    }

    static String write(McpJsonMapper json, JSONRPCMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + message, e);
        }
    }

    static JSONRPCMessage read(McpJsonMapper json, String line) {
        try {
            return McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + line, e);
        }
    }

    /** The server's side: give it to {@code McpServer.async(...)}, then open clients with {@link #newClient()}. */
    public static final class ServerTransportProvider implements McpServerTransportProvider {

        private final McpJsonMapper json;
        private final Map<String, McpServerSession> open = new ConcurrentHashMap<>();
        private volatile McpServerSession.Factory sessions;

        public ServerTransportProvider(McpJsonMapper json) {
            this.json = json;
        }

        @Override
        public void setSessionFactory(McpServerSession.Factory sessions) {
            this.sessions = sessions;
        }

        /** A client transport to this server; its server session starts when the client connects. */
        public ClientTransport newClient() {
            return new ClientTransport(this, json);
        }

        ServerTransport accept(ClientTransport client) {
            McpServerSession.Factory factory = sessions;
            if (factory == null) {
                throw new IllegalStateException("no MCP server was built on this transport provider");
            }
            ServerTransport transport = new ServerTransport(this, client, json);
            McpServerSession session = factory.create(transport);
            transport.session = session;
            open.put(session.getId(), session);
            return transport;
        }

        void closed(ServerTransport transport) {
            McpServerSession session = transport.session;
            if (session != null) {
                open.remove(session.getId());
            }
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Flux.fromIterable(open.values()).flatMap(s -> s.sendNotification(method, params)).then();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Flux.fromIterable(open.values()).flatMap(McpServerSession::closeGracefully).then();
        }
    }

    /** The client's side; the SDK connects it when the client initializes. */
    public static final class ClientTransport implements McpClientTransport {

        private final ServerTransportProvider server;
        private final McpJsonMapper json;
        private volatile Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler;
        private volatile ServerTransport peer;
        private volatile boolean closed;

        ClientTransport(ServerTransportProvider server, McpJsonMapper json) {
            this.server = server;
            this.json = json;
        }

        @Override
        public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
            return Mono.fromRunnable(() -> {
                if (closed) {
                    throw new McpTransportSessionClosedException("the in-memory client transport is closed");
                }
                this.handler = handler;
                this.peer = server.accept(this);
            });
        }

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.defer(() -> {
                ServerTransport to = peer;
                if (closed || to == null) {
                    return Mono.error(new McpTransportSessionClosedException("the in-memory client transport is "
                            + (closed ? "closed" : "not connected")));
                }
                to.receive(write(json, message));
                return Mono.empty();
            });
        }

        void receive(String line) {
            Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> h = handler;
            if (!closed && h != null) {
                // The SDK's handler answers requests itself; what it returns is the message, for the transport to drop.
                h.apply(Mono.just(read(json, line))).subscribe(ignored -> {
                }, error -> System.err.println("MCPGUARD-BENCH in-memory client: " + error));
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> {
                closed = true;
                ServerTransport to = peer;
                if (to != null) {
                    to.endOfFile();
                }
            });
        }
    }

    /** The server session's end of one connection. */
    static final class ServerTransport implements McpServerTransport {

        private final ServerTransportProvider provider;
        private final ClientTransport client;
        private final McpJsonMapper json;
        volatile McpServerSession session;
        private volatile boolean closed;

        ServerTransport(ServerTransportProvider provider, ClientTransport client, McpJsonMapper json) {
            this.provider = provider;
            this.client = client;
            this.json = json;
        }

        void receive(String line) {
            if (!closed) {
                session.handle(read(json, line)).subscribe(ignored -> {
                }, error -> System.err.println("MCPGUARD-BENCH in-memory server: " + error));
            }
        }

        /** The client closed its end; as a stdio server on end of file, the session closes. */
        void endOfFile() {
            if (!closed) {
                session.close();
            }
        }

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.defer(() -> {
                if (closed) {
                    return Mono.error(new McpTransportSessionClosedException("the in-memory server transport is closed"));
                }
                client.receive(write(json, message));
                return Mono.empty();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            closed = true;
            provider.closed(this);
        }
    }
}
