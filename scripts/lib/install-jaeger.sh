#!/usr/bin/env bash
# Builds Jaeger v2 (cmd/jaeger) into the tools cache unless it is there, and prints its path.
# A module of its own (tests/jaeger/build) because `go install ...@v1.76.0` refuses jaeger's replace.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=v1.76.0
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring/bin"
BIN="$TOOLS/jaeger-$VERSION"
if [ ! -x "$BIN" ]; then
  mkdir -p "$TOOLS"
  trap 'rm -f "$BIN.tmp.$$"' EXIT
  # Build beside the target, then rename: an interrupted build never leaves a half-written binary.
  (cd tests/jaeger/build && go build -o "$BIN.tmp.$$" github.com/jaegertracing/jaeger/cmd/jaeger)
  mv "$BIN.tmp.$$" "$BIN"
fi
echo "$BIN"
