# Sourced by the bench scripts: start_streamable_server <log file> <ttl ms> starts server-everything over Streamable
# HTTP on 127.0.0.1 and a free port, returns once it accepts connections, and sets SERVER_PID and STREAMABLE_URL (the
# base URL; the MCP endpoint is /mcp). bind-localhost.mjs ends the server after <ttl ms> should the caller die
# without stopping it; stopping it is the caller's (kill "$SERVER_PID"). Needs SERVERS and INDEX_JS.
start_streamable_server() {
  local log=$1 ttl_ms=$2 port
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done
  PORT=$port MCP_GUARD_SERVER_TTL_MS=$ttl_ms node --import "file://$SERVERS/bind-localhost.mjs" "$INDEX_JS" \
    streamableHttp >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then STREAMABLE_URL=http://127.0.0.1:$port; return; fi
    sleep 0.1
  done
  echo "server-everything streamableHttp did not start; see $log" >&2
  exit 1
}
