// An MCP stdio server whose ping takes 500 ms (MCP_GUARD_PING_DELAY_MS), so that a client's health check is in
// flight most of the time: a close then lands mid-ping. It answers initialize and tools/list at once, has no
// dependencies, ends on stdin EOF and SIGTERM as a well-behaved server does, and exits by itself after
// MCP_GUARD_SERVER_TTL_MS (default 60 s), so that a server a client leaked can never linger.
// With MCP_GUARD_ONCE_FILE it serves only once: the first start creates that file, every later start finds it, adds
// its pid to it and exits at once with code 1 (a server gone for good; the file's lines count a client's attempts).
import { createInterface } from 'node:readline';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';

const once = process.env.MCP_GUARD_ONCE_FILE;
if (once) {
  if (existsSync(once)) {
    appendFileSync(once, `${process.pid}\n`);
    process.exit(1);
  }
  writeFileSync(once, `${process.pid}\n`);
}

const pingDelay = Number(process.env.MCP_GUARD_PING_DELAY_MS || 500);
const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 60_000);
setTimeout(() => process.exit(0), ttl);

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (message.id === undefined || message.id === null) {
    return; // a notification
  }
  const reply = (result) => send({ jsonrpc: '2.0', id: message.id, result });
  switch (message.method) {
    case 'initialize':
      reply({
        protocolVersion: message.params?.protocolVersion ?? '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'slow-ping-server', version: '1.0.0' },
      });
      break;
    case 'ping':
      setTimeout(() => reply({}), pingDelay);
      break;
    case 'tools/list':
      reply({ tools: [] });
      break;
    default:
      send({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'no such method' } });
  }
});
lines.on('close', () => process.exit(0));
