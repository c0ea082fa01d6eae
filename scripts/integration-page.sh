#!/usr/bin/env bash
# Runs the configuration page's tests against the app's real backend, served by tools/pluginhost
# the way Grafana serves it, with a real Prometheus scraping the simulator behind the app's
# Prometheus datasource. Everything listens on 127.0.0.1, is bounded in time and is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PROMETHEUS_URL:-}" ]; then
  exec bash scripts/lib/with-prometheus.sh bash "$0" "$@"
fi
HOST_DIR=$(mktemp -d)
HOST_PID=
cleanup() {
  [ -n "$HOST_PID" ] && kill "$HOST_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$HOST_DIR"
}
trap cleanup EXIT
go build -o "$HOST_DIR/pluginhost" ./tools/pluginhost
timeout 600 "$HOST_DIR/pluginhost" -prometheus "$PROMETHEUS_URL" -timeout 9m >"$HOST_DIR/url" 2>"$HOST_DIR/log" &
HOST_PID=$!
for _ in $(seq 1 50); do
  [ -s "$HOST_DIR/url" ] && break
  sleep 0.2
done
PLUGINHOST_URL=$(head -n 1 "$HOST_DIR/url")
export PLUGINHOST_URL
npx jest -c jest.page.config.js --ci "$@"
