// Preloaded with `node --import` so that a server written to listen on every interface
// (server-everything calls app.listen(PORT)) binds to 127.0.0.1 only, and so that a server
// left behind by a crashed test stops by itself after MCP_GUARD_SERVER_TTL_MS (default 15 min).
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    if (typeof args[1] === 'string') args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 15 * 60 * 1000);
setTimeout(() => process.exit(0), ttl).unref();
