#!/usr/bin/env bash
# Recovery from a server restart side by side: RecoveryBench's restart mode (3 restarts of server-everything over
# Streamable HTTP, 1 s down, three gateways) run in rounds that rotate through the sides, so that the machine's load
# falls on every side alike. Prints, per gateway and side, the median of all restarts (time from the server back to
# the gateway's next successful call) with its quartiles.
#
#   mvn -B -q package -DskipTests -Pbench && it-tests/bench/recovery-ab.sh [rounds] [name=agent.jar ...]
#
# Sides: "raw" (no agent) and one per name=jar given (default: agent=agent/target/mcp-guard.jar), each run with
# -javaagent:<jar>=close-timeout=1000ms; e.g. compare two builds with before=/tmp/old.jar after=agent/target/mcp-guard.jar.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
ROUNDS=${1:-6}
shift || true
SIDES=("raw=" "${@:-agent=$ROOT/agent/target/mcp-guard.jar}")
CP=$(cat it-tests/target/app-classpath.txt):$ROOT/it-tests/target/classes
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

for ((r = 1; r <= ROUNDS; r++)); do
  for side in "${SIDES[@]}"; do
    name=${side%%=*} jar=${side#*=}
    flags=(); [[ -n $jar ]] && flags=("-javaagent:$jar=close-timeout=1000ms")
    mkdir -p "$OUT/$name-$r"
    java "${flags[@]}" -cp "$CP" dev.mcpguard.it.bench.RecoveryBench restart demo-app/servers "$OUT/$name-$r" "$name" 3 1000 \
      >"$OUT/$name-$r/stdout" 2>&1 || echo "round $r $name: RecoveryBench failed (see its output)" >&2
  done
done
echo "recovery-ab: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $ROUNDS rounds x 3 restarts per side"
for gateway in keep rebuild late; do
  for side in "${SIDES[@]}"; do
    name=${side%%=*}
    cat "$OUT"/"$name"-*/recovery-restart-"$gateway"-"$name".txt 2>/dev/null | grep -Eo '^[0-9.]+' | sort -g |
      awk -v g="$gateway" -v s="$name" '{a[NR]=$1} END{if (NR) printf "%s %s: n=%d median %.1f ms (quartiles %.1f-%.1f)\n",
        g, s, NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[int(NR/4)+1], a[int(3*NR/4)]}'
  done
done
