#!/usr/bin/env bash
# The soak of issue 12: the demo's planned-reconnects, 1,000 planned reconnects per server under the agent, one demo
# JVM per transport (stdio and Streamable HTTP, run side by side), with the JVM's resident memory and live threads
# sampled from /proc while it runs. Each JVM serves one server, so its samples map to that server's reconnects alone.
#
#   mvn -B -q package -DskipTests -Pbench && it-tests/bench/soak.sh
#
# Writes it-tests/target/soak/soak.md (and the demo logs and samples beside it): per server the reconnects made,
# the failures counted, the leaks the demo reports, and the median resident memory and thread count over the first
# and the last half of the reconnects, with their ratio against the goal (within 10%).
# Without the agent the demo's loop gives up after 5 counted failures, so the raw side is that same command, run to
# its end and reported as it is, with no halves to compare.
# Knobs (environment): SOAK_RECONNECTS (1000), SOAK_KEEPALIVE_MS (200: the demo's one-second keepalive would make
# the stdio run half an hour), SOAK_SAMPLE_S (seconds between samples, 2), SOAK_SIDES ("agent raw"), SOAK_JAVA (the
# java to run the demo with, default java on PATH), SOAK_MAX_MIN (a run still going after this is killed, 60).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT=it-tests/target/soak
RECONNECTS=${SOAK_RECONNECTS:-1000}
KEEPALIVE_MS=${SOAK_KEEPALIVE_MS:-200}
SAMPLE_S=${SOAK_SAMPLE_S:-2}
SIDES=${SOAK_SIDES:-agent raw}
TRANSPORTS=${SOAK_TRANSPORTS:-stdio streamable-http}
JAVA=${SOAK_JAVA:-java}
MAX_S=$(( ${SOAK_MAX_MIN:-60} * 60 ))
PROGRESS_EVERY=10
# Every this many samples the demo's threads are counted by name (jcmd Thread.print), to tell whose threads come and go.
THREAD_NAMES_EVERY=30
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd

AGENT_JAR=$ROOT/agent/target/mcp-guard.jar
DEMO_JAR=$ROOT/demo-app/target/mcp-guard-demo.jar
SERVERS=$ROOT/demo-app/servers
INDEX_JS=$SERVERS/node_modules/@modelcontextprotocol/server-everything/dist/index.js
for f in "$AGENT_JAR" "$DEMO_JAR" "$INDEX_JS" it-tests/target/classes/dev/mcpguard/it/bench/SoakReport.class; do
  if [[ ! -e $f ]]; then
    echo "missing $f; build first: mvn -B -q package -DskipTests -Pbench" >&2
    exit 1
  fi
done
AGENT="-javaagent:$AGENT_JAR=config=$ROOT/demo-app/mcp-guard.properties"
# The agent's own configuration must come from the demo's properties file only.
while read -r var; do unset "$var"; done < <(env | grep -o '^MCP_GUARD_[A-Z_]*' || true)

rm -rf "$OUT"
mkdir -p "$OUT"
log() { echo "[soak $(date +%H:%M:%S)] $*" >&2; }

# Every demo JVM (its pid in <run>.pid: each run is sampled from a subshell) and the Streamable HTTP
# server-everything the HTTP runs talk to are ended on exit.
SERVER_PID=
trap 'for p in $SERVER_PID $(cat "$OUT"/*.pid 2>/dev/null); do kill "$p" 2>/dev/null || true; done' EXIT
# shellcheck source=it-tests/bench/streamable-server.sh
source "$ROOT/it-tests/bench/streamable-server.sh"

# soak <side> <transport>: one demo JVM on one server, sampled every SAMPLE_S until its loop has closed (the samples
# stop there: what follows is the demo's leak check and exit, not the soak), then waited for until it exits.
# Samples: <ms since start> <planned reconnects so far> <VmRSS kB> <Threads>. <run>.threads: the last count by name
# (digits folded to N) before the loop closed.
soak() {
  local side=$1 transport=$2 run="$1-$2"
  local flags=(); [[ $side == agent ]] && flags=("$AGENT")
  "$JAVA" "${flags[@]}" -jar "$DEMO_JAR" --servers-file "$OUT/$transport.properties" --scenario planned-reconnects \
    --reconnects "$RECONNECTS" --keepalive "$KEEPALIVE_MS" --progress "$PROGRESS_EVERY" >"$OUT/$run.log" 2>&1 &
  local pid=$! t0 now reconnects status samples=0
  echo "$pid" >"$OUT/$run.pid"
  t0=$(date +%s%N)
  : >"$OUT/$run.samples"
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s%N)
    if (( (now - t0) / 1000000000 > MAX_S )); then
      log "$run still running after $MAX_S s; killing it"
      kill "$pid" 2>/dev/null || true
      break
    fi
    if grep -qE "^\[[ 0-9.]+s\] $transport +(closed|given up)" "$OUT/$run.log"; then break; fi
    reconnects=$(grep -oE "progress: planned reconnects [0-9]+" "$OUT/$run.log" | tail -1 | grep -oE '[0-9]+$' || true)
    status=$(awk '/^VmRSS:/ {rss = $2} /^Threads:/ {threads = $2} END {if (rss) print rss, threads}' \
      "/proc/$pid/status" 2>/dev/null || true)
    [[ -n $status ]] && echo "$(( (now - t0) / 1000000 )) ${reconnects:-0} $status" >>"$OUT/$run.samples"
    if (( ++samples % THREAD_NAMES_EVERY == 0 )) && [[ -x $JCMD ]]; then
      { echo "after ${reconnects:-0} planned reconnects:"
        "$JCMD" "$pid" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".*/\1/p' | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c \
          | sort -rn; } >"$OUT/$run.threads.new" && mv "$OUT/$run.threads.new" "$OUT/$run.threads"
    fi
    sleep "$SAMPLE_S"
  done
  wait "$pid" && echo 0 >"$OUT/$run.exit" || echo $? >"$OUT/$run.exit"
  rm -f "$OUT/$run.pid" # its pid may be another process's from now on
  echo "$(( ($(date +%s%N) - t0) / 1000000 ))" >"$OUT/$run.ms"
  log "$run: exit $(cat "$OUT/$run.exit") after $(( $(cat "$OUT/$run.ms") / 1000 )) s;" \
    "$(grep -E "^  $transport " "$OUT/$run.log" | sed 's/^ *//' || echo 'no summary')"
}

# It must outlive the longest run.
start_streamable_server "$OUT/streamable-server.log" $(( (MAX_S + 600) * 1000 ))
echo "stdio.command = node $INDEX_JS stdio" >"$OUT/stdio.properties"
echo "streamable-http.url = $STREAMABLE_URL/mcp" >"$OUT/streamable-http.properties"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)
for side in $SIDES; do
  log "$side: $RECONNECTS planned reconnects per server, keepalive $KEEPALIVE_MS ms, $TRANSPORTS side by side"
  runs=()
  for transport in $TRANSPORTS; do
    soak "$side" "$transport" &
    runs+=($!)
  done
  wait "${runs[@]}"
done

cat >"$OUT/soak.properties" <<PROPS
date=$(date -u +%Y-%m-%dT%H:%MZ)
java=$("$JAVA" -version 2>&1 | head -1)
cpus=$(nproc)
memory=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
reconnects=$RECONNECTS
keepalive.ms=$KEEPALIVE_MS
sample.s=$SAMPLE_S
sides=$SIDES
transports=$TRANSPORTS
load.before=$LOAD_BEFORE
load.after=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$(( ($(date +%s) - START + 59) / 60 ))
PROPS
java -cp it-tests/target/classes dev.mcpguard.it.bench.SoakReport "$OUT" >"$OUT/soak.md"
log "done in $(( $(date +%s) - START )) s: $OUT/soak.md"
cat "$OUT/soak.md"
