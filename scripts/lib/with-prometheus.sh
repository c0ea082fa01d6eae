#!/usr/bin/env bash
# with-prometheus.sh CMD...: starts the simulator and Debian's prometheus on 127.0.0.1 with the
# app's rules (tools/testrules: every group every 5s, forecasts over a minute), waits until the
# recording rules and the quota forecasts have data, runs CMD with PROMETHEUS_URL set, and stops
# both whatever happens. Bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
SIM_PORT=$(free_port)
PROM_PORT=$(free_port)

go build -o "$WORK/simulator" ./pkg/cmd/simulator
# The production rules need 6h of history for a forecast and run their long windows every 4m.
go run ./tools/testrules >"$WORK/rules.yml"
# One vCluster down, so that the panels about unhealthy workspaces have something to show; a
# quota filling in ws-0001 (SIMULATOR_WORKSPACE of the query suite), so that its forecast and the
# fleet's "runs out soon" have one; a lagging remote write, so that the lag is not only normal.
timeout 600 "$WORK/simulator" -listen "127.0.0.1:$SIM_PORT" -workspaces 12 -seed 3 \
  -fault vcluster-down:workspace=ws-0002,vcluster=vc-0002-1 \
  -fault quota-filling:workspace=ws-0001,resource=cpu \
  -fault remote-write-lagging:workspace=ws-0003 2>"$WORK/simulator.log" &
PIDS+=($!)

cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 5s
rule_files: ["$WORK/rules.yml"]
scrape_configs:
  - job_name: simulator
    honor_labels: true
    static_configs:
      - targets: ["127.0.0.1:$SIM_PORT"]
YAML
timeout 600 prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn 2>"$WORK/prometheus.log" &
PIDS+=($!)

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null 2>&1 && break
  sleep 1
done
# has_data QUERY: whether the instant query returns a sample.
has_data() {
  local body
  body=$(curl -fs "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" || true)
  [[ $body == *'"value":['* ]]
}
# Rates need a few scrapes; a forecast needs its minute of history and a fit that rises.
for _ in $(seq 1 90); do
  has_data 'count(workspace:hexabase_http_requests:rate5m)' && break
  sleep 1
done
for _ in $(seq 1 150); do
  has_data 'count(workspace_resource:hexabase_resource_usage_ratio:seconds_to_full{workspace_id="ws-0001"})' && break
  sleep 1
done

export PROMETHEUS_URL="http://127.0.0.1:$PROM_PORT" WORK
"$@"
