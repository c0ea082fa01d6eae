#!/usr/bin/env bash
# Runs the query integration tests against the simulator and a real Prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
SIMULATOR_WORKSPACE=ws-0001 bash scripts/lib/with-prometheus.sh \
  npx jest -c jest.integration.config.js --ci tests/integration/prometheus.test.ts "$@"
