// A Streamable HTTP MCP server for the integration tests that forgets every session as soon as it has set it up,
// as a server that restarted between two requests does: initialize gets a new Mcp-Session-Id, the initialized
// notification is accepted, and every later request of that session gets 404, so the SDK fails the call in flight
// ("MCP session with server terminated") and initializes again. No dependencies. It listens on 127.0.0.1:$PORT at
// /mcp and exits by itself after MCP_GUARD_SERVER_TTL_MS (default 60 s).
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const port = Number(process.env.PORT);
const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 60_000);
setTimeout(() => process.exit(0), ttl);

http.createServer((req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== 'POST') {
    // No event stream, and a DELETE finds nothing to end.
    res.writeHead(req.method === 'GET' ? 405 : 404).end();
    return;
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    let message;
    try {
      message = JSON.parse(body);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (message.method === 'initialize') {
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': randomUUID() });
      res.end(JSON.stringify({
        jsonrpc: '2.0',
        id: message.id,
        result: {
          protocolVersion: message.params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: 'forgetful-http-server', version: '1.0.0' },
        },
      }));
    } else if (message.method === 'notifications/initialized') {
      res.writeHead(202).end();
    } else {
      res.writeHead(404).end();
    }
  });
}).listen(port, '127.0.0.1');
