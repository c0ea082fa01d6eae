#!/usr/bin/env bash
# with-prometheus.sh CMD...: starts the simulator and Debian's prometheus on 127.0.0.1 with the
# app's rules, waits until the recording rules have data, runs CMD with PROMETHEUS_URL set, and
# stops both whatever happens. Bounded in time.
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
# One vCluster down, so that the panels about unhealthy workspaces have something to show.
timeout 600 "$WORK/simulator" -listen "127.0.0.1:$SIM_PORT" -workspaces 12 -seed 3 \
  -fault vcluster-down:workspace=ws-0002,vcluster=vc-0002-1 2>"$WORK/simulator.log" &
PIDS+=($!)

cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 5s
rule_files: ["$PWD/rules/hexabase.rules.yml"]
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
# Recording rules run every 30s; rates need a few scrapes: wait for both.
for _ in $(seq 1 90); do
  n=$(curl -fs "http://127.0.0.1:$PROM_PORT/api/v1/query?query=count(workspace:hexabase_http_requests:rate5m)" | grep -o '"value":\[[^]]*\]' || true)
  [ -n "$n" ] && break
  sleep 1
done

export PROMETHEUS_URL="http://127.0.0.1:$PROM_PORT" WORK
"$@"
