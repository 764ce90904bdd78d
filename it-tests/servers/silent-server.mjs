// An MCP stdio server that never answers: every initialization against it times out while its process runs. It
// has no dependencies, reads its stdin (so it ends on EOF and SIGTERM as a well-behaved server does) and exits by
// itself after MCP_GUARD_SERVER_TTL_MS (default 60 s), so that it can never linger.
const ttl = Number(process.env.MCP_GUARD_SERVER_TTL_MS || 60_000);
setTimeout(() => process.exit(0), ttl);
process.stdin.on('data', () => {});
process.stdin.on('end', () => process.exit(0));
