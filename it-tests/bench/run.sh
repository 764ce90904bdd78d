#!/usr/bin/env bash
# The benchmarks of issue 7: what the agent costs, each figure measured side by side with the same work without it.
#
#   mvn -B -q package -DskipTests -Pbench && it-tests/bench/run.sh
#
# Writes it-tests/target/bench/results.md (and the raw samples beside it). About 14 minutes on 2 cores, and it must
# stay under 15: start-up and close about 5, the hot path (JMH, hotpath_bench) about 2.5, attach (attach_bench) about 1,
# recovery and scale (recovery_bench, scale_bench; their knobs are listed above them) about 5.
# The runs with and without the agent alternate in rounds, so that load from other processes on a shared machine
# falls on both sides. Knobs (environment): BENCH_ROUNDS, BENCH_RUNS (start-up runs per round and side),
# BENCH_SESSIONS (timed closes per JVM), BENCH_CLOSE_TIMEOUT_MS; BENCH_HOTPATH_FORKS (JMH forks per side and
# benchmark, 2), BENCH_HOTPATH_WARMUP and BENCH_HOTPATH_ITERATIONS (iterations per fork, 8 and 5),
# BENCH_HOTPATH_SECONDS (per iteration, 1); BENCH_ATTACH_ROUNDS (5), BENCH_ATTACH_SESSIONS (sessions open, 100).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT=it-tests/target/bench
ROUNDS=${BENCH_ROUNDS:-3}
RUNS=${BENCH_RUNS:-5}
SESSIONS=${BENCH_SESSIONS:-10}
WARMUP_SESSIONS=2
CLOSE_TIMEOUT_MS=${BENCH_CLOSE_TIMEOUT_MS:-1000}

AGENT_JAR=$ROOT/agent/target/mcp-guard.jar
DEMO_JAR=$ROOT/demo-app/target/mcp-guard-demo.jar
SERVERS=$ROOT/demo-app/servers
INDEX_JS=$SERVERS/node_modules/@modelcontextprotocol/server-everything/dist/index.js
for f in "$AGENT_JAR" "$DEMO_JAR" "$INDEX_JS" it-tests/target/app-classpath.txt \
         it-tests/target/classes/dev/mcpguard/it/bench/CloseLatency.class; do
  if [[ ! -e $f ]]; then
    echo "missing $f; build first: mvn -B -q package -DskipTests -Pbench" >&2
    exit 1
  fi
done
CP=$(cat it-tests/target/app-classpath.txt):$ROOT/it-tests/target/classes
AGENT="-javaagent:$AGENT_JAR=close-timeout=${CLOSE_TIMEOUT_MS}ms"
# The agent's own configuration must come from the flag above only.
while read -r var; do unset "$var"; done < <(env | grep -o '^MCP_GUARD_[A-Z_]*' || true)

rm -rf "$OUT"
mkdir -p "$OUT"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
bench_java() { java -cp "$CP" "$@"; }

# --- timing tool: hyperfine, installed here if missing; else a plain loop --------------------------------------
if ! command -v hyperfine >/dev/null; then
  log "hyperfine missing; trying apt-get install -y hyperfine"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y hyperfine >"$OUT/apt.log" 2>&1 || true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n apt-get install -y hyperfine >"$OUT/apt.log" 2>&1 || true
  fi
fi
if command -v hyperfine >/dev/null; then
  TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
else
  TIMER="a bash loop (date +%s%N; hyperfine could not be installed)"
fi
log "timing start-up with $TIMER"

# startup <series> <raw command...> -- <agent command...>: ROUNDS rounds, each RUNS runs of raw then of agent.
startup() {
  local series=$1; shift
  local raw=() agent=() side=raw
  for arg in "$@"; do
    if [[ $arg == -- ]]; then side=agent; continue; fi
    if [[ $side == raw ]]; then raw+=("$arg"); else agent+=("$arg"); fi
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    log "$series round $round/$ROUNDS"
    if command -v hyperfine >/dev/null; then
      hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/$series-$round.json" \
        -n raw "${raw[*]}" -n agent "${agent[*]}" >>"$OUT/$series.log" 2>&1
      bench_java dev.mcpguard.it.bench.HyperfineSamples "$OUT/$series-$round.json" "$OUT" "$series"
    else
      "${raw[@]}" >/dev/null 2>&1; "${agent[@]}" >/dev/null 2>&1   # warm-up (file cache, node)
      for ((i = 0; i < RUNS; i++)); do
        for s in raw agent; do
          local cmd=("${raw[@]}"); [[ $s == agent ]] && cmd=("${agent[@]}")
          local t0 t1; t0=$(date +%s%N)
          "${cmd[@]}" >/dev/null 2>&1 || { echo "failed: ${cmd[*]}" >&2; exit 1; }
          t1=$(date +%s%N)
          echo "$(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 ))" | awk '{printf "%.3f\n", $1/1000}' >>"$OUT/$series-$s.txt"
        done
      done
    fi
  done
}

# close_bench <series> <transport> <target> <healthy|frozen> <rounds> <sessions> <warm-up sessions> <sides...>
close_bench() {
  local series=$1 kind=$2 target=$3 mode=$4 rounds=$5 sessions=$6 warmup=$7; shift 7
  for ((round = 1; round <= rounds; round++)); do
    for side in "$@"; do
      local flags=(); [[ $side == agent ]] && flags=("$AGENT")
      log "$series $side round $round/$rounds"
      java "${flags[@]}" -cp "$CP" dev.mcpguard.it.bench.CloseLatency "$kind" "$target" "$sessions" \
        "$warmup" "$mode" "$OUT/$series-$side.txt" >>"$OUT/$series-$side.log" 2>&1
      grep '^MCPGUARD-BENCH close' "$OUT/$series-$side.log" | tail -1 >&2
    done
  done
}

# A Streamable HTTP server-everything for the HTTP close and attach; ended on exit.
# shellcheck source=it-tests/bench/streamable-server.sh
source "$ROOT/it-tests/bench/streamable-server.sh"
start_bench_server() {
  start_streamable_server "$OUT/streamable-server.log" 1800000
  trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
}

# hotpath_bench: callTool and a notification through the SDK client to an SDK server in the same JVM, over an
# in-memory transport (HotPathBenchmark, JMH), forks without and with the agent in ABBA order (HotPath). Each fork
# checks that it is what its side says (no mcp-guard, or mcp-guard active with the client classes woven) or fails.
hotpath_bench() {
  local forks=${BENCH_HOTPATH_FORKS:-2} warmup=${BENCH_HOTPATH_WARMUP:-8} iterations=${BENCH_HOTPATH_ITERATIONS:-5}
  local seconds=${BENCH_HOTPATH_SECONDS:-1}
  if [[ ! -e it-tests/target/jmh-classpath.txt || ! -e it-tests/target/classes/dev/mcpguard/it/bench/HotPath.class ]]; then
    echo "missing the JMH benchmark; build first: mvn -B -q package -DskipTests -Pbench" >&2
    exit 1
  fi
  log "hot path (JMH): $forks forks per side and benchmark, $warmup + $iterations iterations of $seconds s"
  if ! java -cp "$CP:$(cat it-tests/target/jmh-classpath.txt)" dev.mcpguard.it.bench.HotPath "$AGENT_JAR" "$OUT" \
      "$forks" "$warmup" "$iterations" "$seconds" >>"$OUT/hotpath.log" 2>&1; then
    echo "the hot-path benchmark failed; see $OUT/hotpath.log and $OUT/hotpath-jmh-*.log" >&2
    exit 1
  fi
  grep '^MCPGUARD-BENCH hotpath [a-zA-Z]* raw' "$OUT/hotpath.log" >&2
}

# attach_bench <rounds> <sessions>: per round a new JVM (AttachTarget) opens <sessions> Streamable HTTP sessions
# without the agent; then `java -jar mcp-guard.jar attach <pid>` is timed from start to exit, and the target notes
# when it saw the agent active (after retransformation); then `jcmd <pid> VM.version`, the JDK's own attach, as the
# reference. The target then closes its sessions and checks that the retransformed classes guarded every one.
attach_bench() {
  local rounds=$1 sessions=$2 jcmd_bin
  [[ -n ${STREAMABLE_URL:-} ]] || start_bench_server
  jcmd_bin=$(dirname "$(readlink -f "$(command -v java)")")/jcmd
  [[ -x $jcmd_bin ]] || jcmd_bin=$(command -v jcmd || true)
  ns_to_ms() { awk -v ns="$1" 'BEGIN { printf "%.3f\n", ns / 1e6 }'; }
  local round verified=""
  for ((round = 1; round <= rounds; round++)); do
    local tlog="$OUT/attach-target-$round.log" cli="$OUT/attach-cli-$round.log" signal="$OUT/attach-$round.signal"
    log "attach round $round/$rounds: opening $sessions Streamable HTTP sessions"
    java -cp "$CP" dev.mcpguard.it.bench.AttachTarget "$STREAMABLE_URL" "$sessions" "$signal" >"$tlog" 2>&1 &
    local target=$! pid=""
    for _ in $(seq 1 1200); do
      pid=$(sed -n 's/^MCPGUARD-BENCH attach ready pid=\([0-9]*\).*/\1/p' "$tlog")
      [[ -n $pid ]] || ! kill -0 "$target" 2>/dev/null && break
      sleep 0.1
    done
    if [[ -z $pid ]]; then
      kill "$target" 2>/dev/null || true
      echo "the attach target did not open its sessions; see $tlog" >&2
      exit 1
    fi
    local t0 t1 t2 t3
    t0=$(date +%s%N)
    if ! java -jar "$AGENT_JAR" attach "$pid" "close-timeout=${CLOSE_TIMEOUT_MS}ms" >"$cli" 2>&1; then
      kill "$target" 2>/dev/null || true
      echo "the attach command failed; see $cli" >&2
      exit 1
    fi
    t1=$(date +%s%N)
    if [[ -n $jcmd_bin ]]; then
      t2=$(date +%s%N)
      if "$jcmd_bin" "$pid" VM.version >"$OUT/attach-jcmd-$round.log" 2>&1; then
        t3=$(date +%s%N)
        ns_to_ms $((t3 - t2)) >>"$OUT/attach-jcmd.txt"
      fi
    fi
    touch "$signal"
    if ! wait "$target"; then
      echo "the attach target failed its checks; see $tlog" >&2
      exit 1
    fi
    local started active
    started=$(sed -n 's/^MCPGUARD-BENCH attach active startedEpochNanos=\([0-9]*\) .*/\1/p' "$tlog")
    active=$(sed -n 's/^MCPGUARD-BENCH attach active .* epochNanos=\([0-9]*\) .*/\1/p' "$tlog")
    ns_to_ms $((t1 - t0)) >>"$OUT/attach-command.txt"
    ns_to_ms $((active - t0)) >>"$OUT/attach-active.txt"
    ns_to_ms $((started - t0)) >>"$OUT/attach-started.txt"
    ns_to_ms $((active - started)) >>"$OUT/attach-agentstart.txt"
    ns_to_ms $((t1 - active)) >>"$OUT/attach-after.txt"
    sed -n 's/^MCPGUARD-BENCH attach ready .* openedMs=\([0-9]*\).*/\1/p' "$tlog" >>"$OUT/attach-open.txt"
    verified=$(grep '^MCPGUARD-BENCH attach verified' "$tlog")
    sed -n 's/.* installMs=\([0-9]*\).*/\1/p' <<<"$verified" >>"$OUT/attach-install.txt"
    log "  attach $(tail -1 "$OUT/attach-command.txt") ms, active after $(tail -1 "$OUT/attach-active.txt") ms;" \
      "${verified#MCPGUARD-BENCH attach verified }"
  done
  cat >"$OUT/attach.properties" <<PROPS
attach.sessions=$sessions
attach.close-timeout=${CLOSE_TIMEOUT_MS}ms
attach.retransformed=$(sed -n 's/.*| retransformed \([0-9]* SDK class[es]*\) loaded before the start \(([^)]*)\).*/\1 \2/p' <<<"$verified")
attach.verified=in all $rounds rounds the agent adopted all $sessions sessions at their close (sessions.adopted = $sessions), marshalled every close, every closeGracefully() returned true, no advice error
PROPS
}

# --- recovery and scale: how a gateway gets back to a server, and many sessions at once -----------------------------
# Knobs (environment): BENCH_RECOVERY=0 / BENCH_SCALE=0 skip a part; BENCH_RECOVERY_ROUNDS (2), BENCH_RECOVERY_RESTARTS
# (restarts per JVM, 3), BENCH_RECOVERY_DOWN_MS (how long the killed server stays down, 1000), BENCH_RECOVERY_GONE_S
# (how long attempts to a server gone for good are counted, 30; scaled to a minute), BENCH_SCALE_ROUNDS (1),
# BENCH_SCALE_HTTP (Streamable HTTP sessions, 1000), BENCH_SCALE_STDIO (stdio sessions = node processes, 200; fewer
# if the memory available cannot hold them), BENCH_SCALE_CLOSERS (threads of the concurrent close, 50). Together
# about 5 minutes on 2 cores. The agent runs with its defaults apart from the script's close-timeout.
RECOVERY_OPTS=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
# AgentFootprint reads the agent's registry and the JDK maps it holds; both sides get the same flags.
SCALE_OPTS=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED)

# recovery_bench: a gateway against a server-everything that is killed and restarted, then killed for good.
recovery_bench() {
  local rounds=${BENCH_RECOVERY_ROUNDS:-2} restarts=${BENCH_RECOVERY_RESTARTS:-3}
  local down=${BENCH_RECOVERY_DOWN_MS:-1000} gone=${BENCH_RECOVERY_GONE_S:-30}
  for ((round = 1; round <= rounds; round++)); do
    for side in raw agent; do
      local flags=(); [[ $side == agent ]] && flags=("$AGENT")
      log "recovery-restart $side round $round/$rounds"
      java "${flags[@]}" "${RECOVERY_OPTS[@]}" -cp "$CP" dev.mcpguard.it.bench.RecoveryBench restart "$SERVERS" "$OUT" \
        "$side" "$restarts" "$down" >>"$OUT/recovery-$side.log" 2>&1 || log "recovery-restart $side failed"
      grep '^MCPGUARD-BENCH recovery restart' "$OUT/recovery-$side.log" | tail -3 >&2
    done
  done
  for side in raw agent; do
    local flags=(); [[ $side == agent ]] && flags=("$AGENT")
    log "recovery-gone $side (${gone} s)"
    java "${flags[@]}" "${RECOVERY_OPTS[@]}" -cp "$CP" dev.mcpguard.it.bench.RecoveryBench gone "$SERVERS" "$OUT" \
      "$side" "$gone" >>"$OUT/recovery-$side.log" 2>&1 || log "recovery-gone $side failed"
    grep '^MCPGUARD-BENCH recovery gone' "$OUT/recovery-$side.log" | tail -3 >&2
  done
  cat >>"$OUT/recovery-scale.properties" <<PROPS
recovery.rounds=$rounds
recovery.restarts=$restarts
recovery.down.ms=$down
recovery.gone.s=$gone
PROPS
}

# scale_bench: many Streamable HTTP sessions against one server, then many stdio sessions, each side in its own JVM.
scale_bench() {
  local rounds=${BENCH_SCALE_ROUNDS:-1} http=${BENCH_SCALE_HTTP:-1000} stdio=${BENCH_SCALE_STDIO:-200}
  local closers=${BENCH_SCALE_CLOSERS:-50}
  for ((round = 1; round <= rounds; round++)); do
    for kind in streamable stdio; do
      local sessions=$http openers=8; [[ $kind == stdio ]] && sessions=$stdio openers=4
      for side in raw agent; do
        local flags=(); [[ $side == agent ]] && flags=("$AGENT")
        log "scale-$kind $side round $round/$rounds ($sessions sessions)"
        java "${flags[@]}" "${SCALE_OPTS[@]}" -cp "$CP" dev.mcpguard.it.bench.ScaleBench "$kind" "$SERVERS" "$OUT" \
          "$side" "$sessions" "$openers" "$closers" >>"$OUT/scale-$kind-$side.log" 2>&1 || log "scale-$kind $side failed"
        grep '^MCPGUARD-BENCH scale' "$OUT/scale-$kind-$side.log" | tail -1 | cut -c1-300 >&2
      done
    done
  done
  cat >>"$OUT/recovery-scale.properties" <<PROPS
scale.rounds=$rounds
scale.closers=$closers
scale.owner.threads=2
PROPS
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)

startup startup-occ java -cp "$CP" dev.mcpguard.it.app.OpenCallClose stdio "$INDEX_JS" \
  -- java "$AGENT" -cp "$CP" dev.mcpguard.it.app.OpenCallClose stdio "$INDEX_JS"
startup startup-demo java -jar "$DEMO_JAR" -- java "$AGENT" -jar "$DEMO_JAR"

close_bench close-stdio stdio "$INDEX_JS" healthy 2 "$SESSIONS" "$WARMUP_SESSIONS" raw agent
start_bench_server
close_bench close-streamable streamable "$STREAMABLE_URL" healthy 2 "$SESSIONS" "$WARMUP_SESSIONS" raw agent
close_bench close-frozen stdio "$INDEX_JS" frozen 1 "$SESSIONS" "$WARMUP_SESSIONS" agent
# Without the agent one frozen close, with no warm-up, is enough to show it: the SDK gives up after its 10 s.
close_bench close-frozen stdio "$INDEX_JS" frozen 1 1 0 raw

hotpath_bench
attach_bench "${BENCH_ATTACH_ROUNDS:-5}" "${BENCH_ATTACH_SESSIONS:-100}"
[[ ${BENCH_RECOVERY:-1} == 0 ]] || recovery_bench
[[ ${BENCH_SCALE:-1} == 0 ]] || scale_bench

# Why start-up costs what it costs: classes the JVM loads for the same client, without and with the agent.
for side in raw agent; do
  flags=(); [[ $side == agent ]] && flags=("$AGENT")
  java "${flags[@]}" -Xlog:class+load:file="$OUT/classes-$side.txt" -cp "$CP" dev.mcpguard.it.app.OpenCallClose \
    stdio "$INDEX_JS" >/dev/null 2>&1
done

SDK=$(tr ':' '\n' <it-tests/target/app-classpath.txt | sed -n 's#.*/mcp-core-\(.*\)\.jar$#\1#p')
cat >"$OUT/run.properties" <<PROPS
date=$(date -u +%Y-%m-%d)
sdk=$SDK
timer=$TIMER
startup.runs=$((ROUNDS * RUNS))
startup.warmup=$ROUNDS
close.timeout=${CLOSE_TIMEOUT_MS}ms
close.timeout.ms=$CLOSE_TIMEOUT_MS
load.before=$LOAD_BEFORE
load.after=$(cut -d' ' -f1-3 /proc/loadavg)
classes.raw=$(grep -c . "$OUT/classes-raw.txt")
classes.agent=$(grep -c . "$OUT/classes-agent.txt")
classes.agent.bytebuddy=$(grep -c 'dev.mcpguard.shaded.net.bytebuddy' "$OUT/classes-agent.txt")
classes.agent.own=$(grep -c 'dev.mcpguard.agent' "$OUT/classes-agent.txt")
PROPS
# Sessions whose server never sent tools/list_changed (CloseLatency reopens them untimed), per series and side.
for f in "$OUT"/close-*.log; do
  name=$(basename "$f" .log)
  echo "quiet.failures.$name=$(grep -c '^MCPGUARD-BENCH quiet open failed' "$f" || true)" >>"$OUT/run.properties"
done
bench_java dev.mcpguard.it.bench.ResultsTable "$OUT" >/dev/null
log "done in $(( $(date +%s) - START )) s: $OUT/results.md"
cat "$OUT/results.md"
