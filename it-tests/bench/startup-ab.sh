#!/usr/bin/env bash
# Start-up side by side, interleaved: raw, agent, raw, agent, ... so that load from other processes on a shared
# machine falls on both sides alike (run.sh times each side in blocks, with hyperfine). Prints the medians and the
# samples of wall time and of CPU time (user + system, the JVM and its children).
#
#   mvn -B -q package -DskipTests -Pbench && it-tests/bench/startup-ab.sh [pairs]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PAIRS=${1:-15}
CP=$(cat it-tests/target/app-classpath.txt):$ROOT/it-tests/target/classes
INDEX_JS=$ROOT/demo-app/servers/node_modules/@modelcontextprotocol/server-everything/dist/index.js
AGENT="-javaagent:$ROOT/agent/target/mcp-guard.jar=close-timeout=1000ms"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# series <name> <args after java...>: PAIRS interleaved runs per side, one warm-up pair first
series() {
  local name=$1; shift
  for ((i = 0; i <= PAIRS; i++)); do
    for side in raw agent; do
      local flags=(); [[ $side == agent ]] && flags=("$AGENT")
      /usr/bin/time -f "%e %U %S" -o "$OUT/t" java "${flags[@]}" "$@" >/dev/null 2>&1
      ((i > 0)) && cat "$OUT/t" >>"$OUT/$name-$side"
    done
  done
  for side in raw agent; do
    echo "$name $side: wall median $(awk '{print $1}' "$OUT/$name-$side" | median) s," \
      "cpu median $(awk '{print $2 + $3}' "$OUT/$name-$side" | median) s;" \
      "wall samples $(awk '{print $1}' "$OUT/$name-$side" | sort -n | tr '\n' ' ')"
  done
}

echo "startup-ab: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
series client -cp "$CP" dev.mcpguard.it.app.OpenCallClose stdio "$INDEX_JS"
series demo -jar "$ROOT/demo-app/target/mcp-guard-demo.jar"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
