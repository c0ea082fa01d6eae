#!/usr/bin/env bash
# Creates, once, a Python venv outside the repository with the pinned chdb engine (ClickHouse
# in-process) that the analytics integration test runs its queries on, and PyYAML, the YAML 1.1
# parser the generated files are checked with. Prints the venv's python
# on its last line. Reruns with the same pins do nothing.
set -euo pipefail
LIB=$(cd "$(dirname "$0")" && pwd)
VENV=${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring/venv
# chdb-core's own dependencies are pinned too, so every machine runs the same engine and bindings.
REQUIREMENTS=(
  chdb-core==26.9.0
  numpy==2.4.6
  pandas==3.1.1
  pyarrow==26.0.1
  PyYAML==6.0.3
  python-dateutil==4.0.0
  tzdata==2026.6
)
STAMP=$VENV/.hexabase-requirements
WANT=$(printf '%s\n' "${REQUIREMENTS[@]}")

if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; then
  echo "$VENV/bin/python"
  exit 0
fi

PYTHON=${HEXABASE_PYTHON:-python3}
command -v "$PYTHON" >/dev/null || { echo "python-env: $PYTHON not found" >&2; exit 1; }
# numpy, pandas and pyarrow of these pins need Python 3.11 (Debian 12's python3).
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "python-env: $PYTHON is older than 3.11" >&2; exit 1; }
# Debian's python3 has venv and ensurepip only with the python3-venv package.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  bash "$LIB/install-debian.sh" python3-venv >&2
fi

rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV" >&2
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
"$VENV/bin/python" -m pip install -q --only-binary=:all: "${REQUIREMENTS[@]}" >&2
"$VENV/bin/python" -c 'import chdb, yaml' >&2
echo "$WANT" >"$STAMP"
echo "$VENV/bin/python"
