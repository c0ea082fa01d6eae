#!/usr/bin/env bash
# bench.sh [--smoke|--build-only] [N:WINDOW ...]: the fleet benchmark of docs/benchmarks.md. For each fleet of N
# workspaces over WINDOW (e.g. 1000:24h), builds or reuses a TSDB of simulator data (raw series
# through promtool's OpenMetrics import, recorded series through its rules import), starts
# Debian's Prometheus on it (127.0.0.1, bounded in time, always stopped) and runs every page's
# queries and every rule group on it. Without --smoke the tables go into docs/benchmarks.md;
# --build-only builds the data and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring"
PROMTOOL="$TOOLS/bin/promtool"
CACHE="$TOOLS/bench"
# A fixed end keeps the data, and so the cache, the same from run to run.
END=2026-01-05T00:00:00Z
SEED=1
INTERVAL=30s
SMOKE=false
BUILD_ONLY=false
case "${1:-}" in
  --smoke) SMOKE=true && shift ;;
  --build-only) BUILD_ONLY=true && shift ;;
esac
SPECS=("$@")
if [ ${#SPECS[@]} -eq 0 ]; then
  if $SMOKE; then SPECS=(20:1h); else SPECS=(1000:24h 10000:1h); fi
fi
[ -x "$PROMTOOL" ] || { echo "no promtool at $PROMTOOL: the test command builds it (install-promtool)" >&2; exit 1; }

WORK=$(mktemp -d)
PROM_PID=
stop_prometheus() {
  if [ -n "$PROM_PID" ]; then
    kill "$PROM_PID" 2>/dev/null || true
    wait "$PROM_PID" 2>/dev/null || true
    PROM_PID=
  fi
}
cleanup() {
  stop_prometheus
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_prometheus DATA_DIR [RULE_FILE]: Debian's Prometheus on DATA_DIR for at most 3 hours; sets PROM_URL.
start_prometheus() {
  local data=$1 rules=${2:-} port
  port=$(free_port)
  if [ -n "$rules" ]; then
    printf 'rule_files: ["%s"]\n' "$rules" >"$WORK/prometheus.yml"
  else
    : >"$WORK/prometheus.yml"
  fi
  # min = max block duration: Prometheus does not compact the imported blocks while it is measured.
  timeout 10800 prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$data" \
    --storage.tsdb.retention.time=100y --storage.tsdb.min-block-duration=2h --storage.tsdb.max-block-duration=2h \
    --web.listen-address="127.0.0.1:$port" --log.level=warn 2>>"$WORK/prometheus.log" &
  PROM_PID=$!
  PROM_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    curl -fs "$PROM_URL/-/ready" >/dev/null 2>&1 && return 0
    kill -0 "$PROM_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$WORK/prometheus.log" >&2
  return 1
}

seconds() { # 24h, 90m -> seconds
  case $1 in
    *h) echo $((${1%h} * 3600)) ;;
    *m) echo $((${1%m} * 60)) ;;
    *) echo "window $1: use hours (24h) or minutes (90m)" >&2; return 1 ;;
  esac
}

# merge DIR BLOCKS: a Prometheus with 2 h blocks on DIR merges its overlapping blocks (raw series
# and the rules importer's block per rule) into one per 2 h range, as its head would have cut them;
# its first compaction starts a minute after it starts. Returns once DIR holds BLOCKS blocks.
merge() {
  local dir=$1 want=$2 blocks
  start_prometheus "$dir"
  for _ in $(seq 1 1080); do
    sleep 5
    # Compaction deletes blocks while find reads the directory: a vanished one is not an error.
    blocks=$(find "$dir" -mindepth 2 -maxdepth 2 -name meta.json 2>/dev/null | wc -l || true)
    if [ "$blocks" -eq "$want" ] && [ -z "$(find "$dir" -mindepth 1 -maxdepth 1 -name '*.tmp*' 2>/dev/null || true)" ]; then
      stop_prometheus
      rm -rf "$dir/wal" "$dir/chunks_head" "$dir/lock" "$dir/queries.active"
      return 0
    fi
  done
  echo "the blocks of $dir were not merged into $want within 90 minutes" >&2
  return 1
}

RULES_SHA=$(sha256sum rules/hexabase.rules.yml | cut -c1-12)
# The raw series are the simulator's: a change to it (or to the writer) builds them again.
SIM_SHA=$(cat $(ls pkg/simulator/*.go tools/fleetblocks/*.go | grep -v _test.go) | sha256sum | cut -c1-12)
RESULTS=()
for spec in "${SPECS[@]}"; do
  N=${spec%%:*}
  WINDOW=${spec#*:}
  END_S=$(date -u -d "$END" +%s)
  FROM_S=$((END_S - $(seconds "$WINDOW")))
  FROM=$(date -u -d "@$FROM_S" +%Y-%m-%dT%H:%M:%SZ)
  RAW="$CACHE/raw-n$N-w$WINDOW-s$SEED-sim-$SIM_SHA"
  MERGED="$CACHE/merged-n$N-w$WINDOW-s$SEED-sim-$SIM_SHA-rules-$RULES_SHA"
  TIMES="$MERGED.times"
  mkdir -p "$CACHE"

  if [ ! -d "$RAW" ]; then
    echo "==> raw series: $N workspaces, $WINDOW, seed $SEED" >&2
    rm -rf "$RAW.tmp"
    start=$SECONDS
    go run ./tools/fleetblocks -workspaces "$N" -seed "$SEED" -from "$FROM" -to "$END" -interval "$INTERVAL" \
      -promtool "$PROMTOOL" -out "$RAW.tmp"
    echo "RAW_SECONDS=$((SECONDS - start))" >"$RAW.times"
    mv "$RAW.tmp" "$RAW"
  fi
  if [ ! -d "$MERGED" ]; then
    echo "==> recorded series: rules/hexabase.rules.yml ($RULES_SHA) over $N workspaces, $WINDOW" >&2
    rm -rf "$MERGED.tmp" "$WORK/raw" "$WORK/recorded" "$WORK/levels"
    mkdir -p "$MERGED.tmp" "$WORK/recorded" "$WORK/levels"
    start=$SECONDS
    # The importer evaluates each rule on the data it is served, not on what it records, and
    # every rule it is given, alerts included, over the whole window: each level of recording
    # rules (tools/rulelevels) runs on the raw series plus the levels below it, alerts left out.
    levels=$(go run ./tools/rulelevels -rules rules/hexabase.rules.yml -out "$WORK/levels")
    for level in $(seq 0 $((levels - 1))); do
      rm -rf "$WORK/raw" "$WORK/level" && mkdir -p "$WORK/raw"
      cp -al "$RAW"/. "$WORK/raw/" && cp -al "$WORK/recorded"/. "$WORK/raw/"
      start_prometheus "$WORK/raw"
      "$PROMTOOL" tsdb create-blocks-from rules --quiet --url "$PROM_URL" --start "$FROM" --end "$END" \
        --output-dir "$WORK/level" "$WORK/levels/level-$level.yml"
      stop_prometheus
      # A level whose rules find nothing in the window writes no block.
      if [ -n "$(ls -A "$WORK/level" 2>/dev/null)" ]; then mv "$WORK/level"/* "$WORK/recorded/"; fi
    done
    rules_seconds=$((SECONDS - start))
    start=$SECONDS
    cp -al "$RAW"/. "$MERGED.tmp/"
    mv "$WORK/recorded"/* "$MERGED.tmp/"
    rm -rf "$WORK/recorded" "$WORK/level"
    merge "$MERGED.tmp" $(((END_S - 1) / 7200 - FROM_S / 7200 + 1))
    { cat "$RAW.times"; echo "RULES_SECONDS=$rules_seconds"; echo "MERGE_SECONDS=$((SECONDS - start))"; } >"$TIMES"
    rm -rf "$WORK/raw"
    mv "$MERGED.tmp" "$MERGED"
  fi

  if $BUILD_ONLY; then
    continue
  fi
  echo "==> queries: $N workspaces, $WINDOW" >&2
  DATA="$WORK/data-$N"
  mkdir -p "$DATA"
  # Hard links: the run's Prometheus may write its own files, never the cached blocks.
  cp -al "$MERGED"/. "$DATA/"
  start_prometheus "$DATA" "$ROOT/rules/hexabase.rules.yml"
  OUT="$CACHE/results-n$N-w$WINDOW-s$SEED-sim-$SIM_SHA-rules-$RULES_SHA.json"
  # shellcheck disable=SC1090
  . "$TIMES"
  BENCH_OUT="$OUT" PROMETHEUS_URL="$PROM_URL" BENCH_WORKSPACES="$N" BENCH_WINDOW="$WINDOW" BENCH_END="$END" \
    BENCH_SEED="$SEED" BENCH_INTERVAL="$INTERVAL" BENCH_REPEAT="${BENCH_REPEAT:-$($SMOKE && echo 3 || echo 7)}" \
    BENCH_PROMTOOL_VERSION="promtool $(go version -m "$PROMTOOL" | awk '$1 == "mod" {print $3}')" BENCH_RAW_SECONDS="${RAW_SECONDS:-}" BENCH_RULES_SECONDS="${RULES_SECONDS:-}" \
    BENCH_MERGE_SECONDS="${MERGE_SECONDS:-}" \
    BENCH_BLOCKS_BYTES="$(du -sb "$MERGED" | awk '{s += $1} END {print s}')" \
    npx jest -c jest.bench.config.js --ci
  # The Workspaces list asks the backend, which reads Prometheus itself: its reading and ranking, timed.
  go run ./tools/healthbench -prometheus "$PROM_URL" -time "$END" -repeat "${BENCH_REPEAT:-$($SMOKE && echo 3 || echo 7)}" >"$WORK/health.json"
  node -e 'const fs = require("fs"); const [out, health] = process.argv.slice(1); const r = JSON.parse(fs.readFileSync(out)); r.health = JSON.parse(fs.readFileSync(health)); if (r.health.page.series === 0) throw new Error("the health ranking listed no workspace at the end of the data"); fs.writeFileSync(out, JSON.stringify(r, null, 1));' "$OUT" "$WORK/health.json"
  stop_prometheus
  rm -rf "$DATA"
  RESULTS+=("$OUT")
done

if $BUILD_ONLY; then
  exit 0
elif $SMOKE; then
  node scripts/bench/report.mjs "${RESULTS[@]}" >"${BENCH_SMOKE_REPORT:-/dev/null}"
else
  # The previous version's results, measured the same way, stand next to this run's.
  BEFORE=()
  for spec in "${SPECS[@]}"; do
    f="docs/benchmarks/fleet-before/results-n${spec%%:*}-w${spec#*:}.json"
    if [ -f "$f" ]; then BEFORE+=(--before "$f"); fi
  done
  node scripts/bench/report.mjs --write docs/benchmarks.md "${BEFORE[@]}" "${RESULTS[@]}"
fi
