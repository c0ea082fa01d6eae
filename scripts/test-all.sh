#!/usr/bin/env bash
# Runs every check of the project from a fresh clone: installs what it needs, then typecheck,
# lint, unit tests, builds, packaging and the package's metadata check. Each step runs even when
# an earlier one failed, so one run shows every problem; the last line totals all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LOGS=$ROOT/.test-logs
rm -rf "$LOGS" && mkdir -p "$LOGS"
export CI=true GOFLAGS=${GOFLAGS:--buildvcs=false} NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

passed=0
failed=0
failures=()

# step NAME CMD...: a check that counts as one test.
step() {
  local name=$1 start=$SECONDS
  shift
  printf '==> %s\n' "$name"
  if "$@" >"$LOGS/$name.log" 2>&1; then
    passed=$((passed + 1))
    printf '    ok (%ss)\n' $((SECONDS - start))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '    FAILED (%ss); last lines of %s:\n' $((SECONDS - start)) ".test-logs/$name.log"
    tail -n 40 "$LOGS/$name.log" | sed 's/^/    | /'
  fi
}

# suite NAME KIND RESULTS CMD...: a test runner whose own test counts go into the total.
suite() {
  local name=$1 kind=$2 results=$3 start=$SECONDS
  shift 3
  printf '==> %s\n' "$name"
  "$@" >"$LOGS/$name.log" 2>&1
  local rc=$?
  read -r p f < <(node scripts/lib/count-results.mjs "$kind" "$results")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the runner failed without a failing test: a crash or a build error
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -eq 0 ]; then
    printf '    %s passed (%ss)\n' "$p" $((SECONDS - start))
  else
    failures+=("$name")
    printf '    %s passed, %s FAILED (%ss); last lines of %s:\n' "$p" "$f" $((SECONDS - start)) ".test-logs/$name.log"
    grep -E -- '--- FAIL|FAIL|✕|●|panic' "$LOGS/$name.log" | head -n 40 | sed 's/^/    | /'
  fi
}

finish() {
  if [ ${#failures[@]} -gt 0 ]; then
    printf 'Failed: %s\n' "${failures[*]}"
  fi
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# Installation: without it nothing else can run, so a failure here ends the run.
step install-npm npm ci --no-audit --no-fund
step install-go go mod download
step install-debian bash scripts/lib/install-debian.sh prometheus
# Debian's promtool lacks Kubernetes service discovery, which the agent configs use: build one.
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring/bin"
step install-promtool env GOBIN="$TOOLS" go install github.com/prometheus/prometheus/cmd/promtool@v0.316.0
# The agents of the Cortex suite: Debian's Prometheus 2.42 sends no remote_write headers, so no tenant.
step install-prometheus env GOBIN="$TOOLS" go install github.com/prometheus/prometheus/cmd/prometheus@v0.316.0
# Cortex and Jaeger v2, each built from a module of its own (go install refuses their replace directives).
step install-cortex bash scripts/lib/install-cortex.sh
step install-jaeger bash scripts/lib/install-jaeger.sh
if [ "$failed" -gt 0 ]; then
  finish
fi

step generated-files go run ./pkg/cmd/codegen -check
# GitOps tools parse YAML 1.1 (PyYAML): what this repo ships must mean the same there.
step yaml-1.1 bash -c 'PY=$(bash scripts/lib/python-env.sh | tail -n 1) && "$PY" tests/yaml11/check_yaml11.py provisioning rules dev docker-compose.yaml'
step i18n-extracted node scripts/i18n-extract.mjs --check
step typecheck npm run typecheck
step lint npx eslint --max-warnings 0 .
suite jest jest "$LOGS/jest.json" npx jest --ci --silent --maxWorkers 2 --json --outputFile "$LOGS/jest.json"
step go-vet go vet ./pkg/... ./tools/... ./tests/compose/...
step go-vet-integration go vet -tags integration ./tests/integration/...
step promtool-check-rules promtool check rules rules/hexabase.rules.yml
for f in rules/tests/*.test.yml; do
  step "promtool-$(basename "$f" .test.yml)" promtool test rules "$f"
done
suite go-test go "$LOGS/go-test.json" bash -c "go test -json -count=1 ./pkg/... ./tools/... ./tests/compose/... > '$LOGS/go-test.json'"
# Fuzz budgets are counts, not durations: Go 1.26's coordinator can fail a run at the end of a
# duration with "context deadline exceeded" and no failing input (golang/go#75804, fixed in 1.27).
# Hostile input against the backend's resource routes: one JSON answer, never a 5xx or a panic.
step backend-fuzz go test -run '^$' -fuzz FuzzResourceRequest -fuzztime 50000x ./pkg/plugin
# Settings as the page and the backend read them: strict, full paths, bounded errors.
step settings-fuzz go test -run '^$' -fuzz FuzzParse -fuzztime 150000x ./pkg/settings
# One run of each Go benchmark, so that they keep working.
step go-bench-smoke go test -run '^$' -bench . -benchtime 1x ./pkg/...

# Agent configs against Prometheus' own loader, relabeling and promtool (a module of its own).
suite agent-configs go "$LOGS/agent-configs.json" bash -c "cd tests/agentconfig && PROMTOOL='$TOOLS/promtool' go test -json -count=1 ./... > '$LOGS/agent-configs.json'"
step agent-config-fuzz bash -c "cd tests/agentconfig && go test -run '^$' -fuzz FuzzRender -fuzztime 6000x ."

# Integration: a real Prometheus (Debian's) scraping the simulator, each fault against its alert.
suite alerts-on-prometheus go "$LOGS/alerts.json" bash -c "go test -json -count=1 -timeout 6m -tags integration ./tests/integration/alerts > '$LOGS/alerts.json'"

# Integration: the Workspace page's trace search and a log line's trace link on a real Jaeger fed by the simulator.
suite traces-on-jaeger go "$LOGS/jaeger.json" bash -c "JAEGER='$TOOLS/jaeger-v1.76.0' go test -json -count=1 -timeout 4m -tags integration ./tests/integration/jaeger ./tests/integration/internal/... > '$LOGS/jaeger.json'"
# Integration: the recording rules installed through the app behind Grafana into a real Cortex ruler.
suite rules-on-cortex-ruler go "$LOGS/ruler.json" bash -c "go test -json -count=1 -timeout 3m -tags integration ./tests/integration/ruler > '$LOGS/ruler.json'"
# Integration: the scale-out shape on loopback, a Cortex cluster fed by one agent per workspace running
# the app's generated configuration: tenants, the ruler, every page query, an ingester crash, a partition.
suite cortex-cluster go "$LOGS/cortex.json" bash -c "CORTEX_JEST_JSON='$LOGS/cortex-queries.json' go test -json -count=1 -timeout 18m -tags integration ./tests/integration/cortex > '$LOGS/cortex.json'"
# Tenant federation against the platform tenant on the same cluster layout, so that the benchmark keeps working.
step federation-bench-smoke go run ./tools/cortextest/federationbench -smoke

suite queries-on-prometheus jest "$LOGS/prom-queries.json" bash scripts/integration-prometheus.sh --json --outputFile "$LOGS/prom-queries.json"
# The fleet benchmark at 20 workspaces over 1 h, so that it keeps working; it writes nothing.
step fleet-bench-smoke npm run bench -- --smoke
# The configuration page on the app's real backend, served as Grafana serves it, with the same Prometheus behind it.
suite page-on-backend jest "$LOGS/page.json" bash scripts/integration-page.sh --json --outputFile "$LOGS/page.json"
# Integration: 90 days of simulator rows in a real ClickHouse engine (chdb) under every analytics query.
ANALYTICS_DIR="$LOGS/analytics"
step simulator-rows go run ./pkg/cmd/simulator -listen 127.0.0.1:0 -workspaces 20 -backfill 2160h -duration 1s -analytics-dir "$ANALYTICS_DIR"
suite queries-on-clickhouse jest "$LOGS/clickhouse.json" bash scripts/integration-clickhouse.sh "$ANALYTICS_DIR" --json --outputFile "$LOGS/clickhouse.json"
rm -rf "$ANALYTICS_DIR"

rm -rf dist artifacts
step build-frontend npm run build
step bundle-budget node scripts/check-bundle.mjs
step build-backend go tool mage -v buildAll
step package bash -c 'go run ./tools/pluginpkg zip -dist dist -out artifacts'
step check-package bash -c 'go run ./tools/pluginpkg check artifacts/hexabase-monitoring-app-$(node -p "require(\"./package.json\").version").zip'

finish
