#!/usr/bin/env bash
# Start-up side by side, interleaved: each pair runs both sides back to back, in ABBA order (raw first in one pair,
# the agent first in the next), so that load from other processes on a shared machine, and whatever the first run
# of a pair leaves warm, fall on both sides alike (run.sh times each side in blocks, with hyperfine). Prints, per
# series, the median of the per-pair ratios agent/raw of wall time (the figure the start-up goal is stated in), the
# medians and samples of wall time, and the medians of CPU time (user + system, the JVM and its children).
#
#   mvn -B -q package -DskipTests -Pbench && it-tests/bench/startup-ab.sh [pairs]
#
# JAVA: the java command to run (default: java on PATH), e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
# AGENT: the agent side's JVM option (default: the agent with close-timeout=1000ms), or "floor": an agent whose premain
# only registers a class file transformer that changes nothing, what any weaving agent costs before it does anything
# (built here with the JDK's javac and jar); SERIES: any of client (the SDK),
# demo, langchain4j (LangChain4j's own client, no SDK on its class path), adk (Google ADK's McpToolset on the SDK
# it brings; default: client demo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PAIRS=${1:-15}
JAVA=${JAVA:-java}
SERIES=${SERIES:-client demo}
CP=$(cat it-tests/target/app-classpath.txt):$ROOT/it-tests/target/classes
LC4J=$ROOT/it-tests/hosts/langchain4j/target
ADK=$ROOT/it-tests/hosts/adk/target
INDEX_JS=$ROOT/demo-app/servers/node_modules/@modelcontextprotocol/server-everything/dist/index.js
AGENT=${AGENT:--javaagent:$ROOT/agent/target/mcp-guard.jar=close-timeout=1000ms}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

floor_agent() { # builds the floor agent, $OUT/floor.jar, with $JAVA's own JDK
  local bin; bin=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
  mkdir -p "$OUT/floor"
  cat >"$OUT/floor/FloorAgent.java" <<'JAVA'
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

public final class FloorAgent {
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
        }, true);
    }
}
JAVA
  "$bin/javac" -d "$OUT/floor" "$OUT/floor/FloorAgent.java"
  printf 'Premain-Class: FloorAgent\nCan-Retransform-Classes: true\n' >"$OUT/floor/manifest"
  "$bin/jar" cfm "$OUT/floor.jar" "$OUT/floor/manifest" -C "$OUT/floor" FloorAgent.class -C "$OUT/floor" 'FloorAgent$1.class'
}
if [[ $AGENT == floor ]]; then
  floor_agent # not in a command substitution, where set -e does not hold: a failed build stops the script
  AGENT="-javaagent:$OUT/floor.jar"
fi

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run() { # run <series> <side> <args after java...>: one timed run, appended to the side's samples
  local name=$1 side=$2; shift 2
  local flags=(); [[ $side == agent ]] && flags=("$AGENT")
  if ! /usr/bin/time -f "%e %U %S" -o "$OUT/t" "$JAVA" "${flags[@]}" "$@" >/dev/null 2>&1; then
    echo "$name $side: a run failed ($(head -1 "$OUT/t")); its time is kept" >&2
  fi
  tail -1 "$OUT/t" >>"$OUT/$name-$side"
}

# series <name> <args after java...>: one warm-up pair, then PAIRS pairs in ABBA order
series() {
  local name=$1; shift
  for ((i = 0; i <= PAIRS; i++)); do
    local order=(raw agent); ((i % 2 == 0)) && order=(agent raw)
    for side in "${order[@]}"; do run "$name" "$side" "$@"; done
    if ((i == 0)); then rm -f "$OUT/$name-raw" "$OUT/$name-agent"; fi
  done
  paste -d' ' "$OUT/$name-raw" "$OUT/$name-agent" | awk '{printf "%.4f\n", $4 / $1}' >"$OUT/$name-ratio"
  echo "$name: ratio agent/raw, median of $PAIRS pairs $(median <"$OUT/$name-ratio");" \
    "ratios $(sort -g "$OUT/$name-ratio" | tr '\n' ' ')"
  for side in raw agent; do
    echo "$name $side: wall median $(awk '{print $1}' "$OUT/$name-$side" | median) s," \
      "cpu median $(awk '{print $2 + $3}' "$OUT/$name-$side" | median) s;" \
      "wall samples $(awk '{print $1}' "$OUT/$name-$side" | sort -g | tr '\n' ' ')"
  done
}

echo "startup-ab: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1), agent option $AGENT," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
for s in $SERIES; do
  case $s in
    client) series client -cp "$CP" dev.mcpguard.it.app.OpenCallClose stdio "$INDEX_JS" ;;
    demo) series demo -jar "$ROOT/demo-app/target/mcp-guard-demo.jar" ;;
    langchain4j) series langchain4j -cp "$LC4J/classes:$(cat "$LC4J/host-classpath.txt")" \
      dev.mcpguard.it.host.langchain4j.OpenListClose node "$INDEX_JS" ;;
    adk) series adk -cp "$ADK/classes:$(cat "$ADK/host-classpath.txt")" \
      dev.mcpguard.it.host.adk.OpenListClose node "$INDEX_JS" ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
