// A Streamable HTTP MCP server for the integration tests whose streamed tool calls lose their connection, as a call
// does when its server crashes or a proxy times out mid-call. A tools/call is answered with an SSE stream: one
// logging notification at once (the client now waits for the result on this stream), then the socket is destroyed
// CUT_MS in. Tool "cut": no event ids, nothing to resume. Tool "cut-replayable": every event has an id, and a GET
// with that Last-Event-ID gets the call's result once it is ready (RESULT_MS after the call), as a server with an
// event store replays a stream; every such GET is counted and reported by the tool "replays". A GET without
// Last-Event-ID gets 405 (no standalone event stream). No dependencies. It listens on 127.0.0.1:$PORT at /mcp and
// exits by itself after MCP_GUARD_SERVER_TTL_MS (default 60 s).
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const port = Number(process.env.PORT);
const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 60_000);
const CUT_MS = 500;
const RESULT_MS = 3_000;
setTimeout(() => process.exit(0), ttl);

/** Replayable calls by the id of their last event: when the result is ready, and the request id it answers. */
const replayable = new Map();
let replays = 0;

function event(res, data, id) {
  res.write((id ? `id: ${id}\n` : '') + `event: message\ndata: ${JSON.stringify(data)}\n\n`);
}

function result(requestId, text) {
  return { jsonrpc: '2.0', id: requestId, result: { content: [{ type: 'text', text }] } };
}

function streamedCall(res, message, withIds) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const streamId = randomUUID();
  const lastId = withIds ? `${streamId}-1` : undefined;
  if (withIds) {
    replayable.set(lastId, { readyAt: Date.now() + RESULT_MS, requestId: message.id });
  }
  event(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'working' } }, lastId);
  setTimeout(() => res.socket.destroy(), CUT_MS);
}

function replay(req, res) {
  const call = replayable.get(req.headers['last-event-id']);
  if (!call) {
    res.writeHead(405).end();
    return;
  }
  replays++;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  setTimeout(() => {
    event(res, result(call.requestId, 'replayed'), `${req.headers['last-event-id']}-2`);
    res.end();
  }, Math.max(0, call.readyAt - Date.now()));
}

http.createServer((req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (req.method === 'GET') {
    replay(req, res);
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(200).end();
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
          capabilities: { tools: {}, logging: {} },
          serverInfo: { name: 'cut-stream-http-server', version: '1.0.0' },
        },
      }));
    } else if (message.id === undefined) {
      res.writeHead(202).end();
    } else if (message.method === 'tools/call' && message.params.name === 'cut') {
      streamedCall(res, message, false);
    } else if (message.method === 'tools/call' && message.params.name === 'cut-replayable') {
      streamedCall(res, message, true);
    } else if (message.method === 'tools/call' && message.params.name === 'replays') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result(message.id, String(replays))));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} }));
    }
  });
}).listen(port, '127.0.0.1');
