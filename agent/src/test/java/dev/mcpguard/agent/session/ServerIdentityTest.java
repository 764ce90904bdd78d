package dev.mcpguard.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerIdentityTest {

    /** The SDK resolves its endpoint against a base URI, LangChain4j is given the whole URL: one server, one key. */
    @Test
    void anHttpServerIsKeyedByItsEndpointWhicheverWayItWasGiven() {
        String sdk = ServerIdentity.httpKey(URI.create("http://127.0.0.1:3001").resolve("/mcp"));
        String langchain4j = ServerIdentity.httpKey(URI.create("http://127.0.0.1:3001/mcp?tenant=a"));
        assertEquals(sdk, langchain4j);
        assertEquals("https://example.com:443/mcp", ServerIdentity.httpKey(URI.create("https://u:p@example.com/mcp")));
    }

    @Test
    void aStdioServerIsKeyedByItsWholeCommandLine() {
        assertEquals(ServerIdentity.stdioKey(List.of("npx", "-y", "server")),
                ServerIdentity.stdioKey(List.of("npx", "-y", "server")));
        assertFalse(ServerIdentity.stdioKey(List.of("npx", "a")).equals(ServerIdentity.stdioKey(List.of("npx", "b"))));
        assertFalse(ServerIdentity.stdioKey(List.of("node", "a, b")).equals(
                ServerIdentity.stdioKey(List.of("node", "a", "b"))), "an argument with a comma is one argument");
    }

    @Test
    void aNameCarriesNoPathQueryOrUserInfo() {
        assertEquals("http://127.0.0.1:3001", ServerIdentity.httpName(URI.create("http://u:secret@127.0.0.1:3001/mcp?k=v")));
        assertEquals("npx", ServerIdentity.stdioName("/usr/local/bin/npx"));
        assertEquals(InetSocketAddress.createUnresolved("example.com", 443),
                ServerIdentity.address(URI.create("https://example.com/mcp")));
    }
}
