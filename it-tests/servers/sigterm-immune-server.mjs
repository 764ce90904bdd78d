// A deliberately hostile MCP stdio server for the integration tests: it answers just enough of MCP
// (initialize, tools/list, tools/call echo, ping) over newline-delimited JSON-RPC, but ignores SIGTERM
// and keeps running after its stdin ends, so only a SIGKILL ends it early. It has no dependencies.
// So that it can never linger, it exits by itself after MCP_GUARD_SERVER_TTL_MS (default 60 s).
import readline from 'node:readline';

const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 60_000);
setTimeout(() => process.exit(0), ttl);

process.on('SIGTERM', () => {});
// Keeps the event loop alive after stdin ended (a server that exits on EOF would be ended by the
// JDK's Process.destroy(), which closes the child's stdin).
setInterval(() => {}, 1_000);
// Once the client has gone, writes fail with EPIPE; a hostile server does not care.
process.stdout.on('error', () => {});

const ECHO = {
  name: 'echo',
  description: 'Echoes the message back',
  inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
};

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function result(request) {
  switch (request.method) {
    case 'initialize':
      return {
        protocolVersion: request.params?.protocolVersion ?? '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'sigterm-immune-server', version: '1.0.0' },
      };
    case 'tools/list':
      return { tools: [ECHO] };
    case 'tools/call':
      return { content: [{ type: 'text', text: `Echo: ${request.params?.arguments?.message ?? ''}` }] };
    case 'ping':
      return {};
    default:
      return undefined;
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (request.id === undefined || request.method === undefined) {
    return; // a notification or a response: nothing to answer
  }
  const answer = result(request);
  if (answer === undefined) {
    send({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: `Method not found: ${request.method}` } });
  } else {
    send({ jsonrpc: '2.0', id: request.id, result: answer });
  }
});
