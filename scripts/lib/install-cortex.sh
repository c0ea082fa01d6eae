#!/usr/bin/env bash
# Builds Cortex (cmd/cortex) into the tools cache unless it is there, and prints its path.
# A module of its own (tests/cortex/build) because `go install ...@v1.21.1` refuses Cortex's replaces.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=v1.21.1
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring/bin"
BIN="$TOOLS/cortex-$VERSION"
if [ ! -x "$BIN" ]; then
  mkdir -p "$TOOLS"
  trap 'rm -f "$BIN.tmp.$$"' EXIT
  # Cortex's Makefile builds with slicelabels: its label adapters cast to Prometheus' slice form,
  # and without the tag an ingester panics on the first push (Prometheus v0.308 defaults to strings).
  (cd tests/cortex/build && go build -tags "netgo slicelabels" -o "$BIN.tmp.$$" github.com/cortexproject/cortex/cmd/cortex)
  mv "$BIN.tmp.$$" "$BIN"
fi
echo "$BIN"
