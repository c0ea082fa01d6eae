#!/usr/bin/env bash
# Runs every analytics query of the Business page on a real ClickHouse engine (chdb) over the
# simulator's rows. Usage: bash scripts/integration-clickhouse.sh ANALYTICS_DIR [jest options...]
# The exit code is jest's.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: bash scripts/integration-clickhouse.sh ANALYTICS_DIR [jest options...]" >&2
  echo "ANALYTICS_DIR holds deployments.jsonl, aiops_operations.jsonl and resource_usage.jsonl" >&2
  exit 2
fi
ANALYTICS_DIR=$(cd "$1" && pwd)
shift
CHDB_PYTHON=$(bash scripts/lib/python-env.sh | tail -n 1) || exit 1
export ANALYTICS_DIR CHDB_PYTHON
npx jest -c jest.integration.config.js --ci "$@" tests/integration/clickhouse.test.ts
