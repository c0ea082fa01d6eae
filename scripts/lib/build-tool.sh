#!/usr/bin/env bash
# build-tool.sh NAME MODULE_DIR PACKAGE [GO BUILD FLAGS...]: builds PACKAGE inside the Go module
# MODULE_DIR (one per tool, pinning the tool's version and repeating its replace directives, which
# `go install pkg@version` refuses) into the tools cache as NAME, unless it is there; prints the path.
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME=$1 MODULE_DIR=$2 PACKAGE=$3
shift 3
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-monitoring/bin"
BIN="$TOOLS/$NAME"
if [ ! -x "$BIN" ]; then
  mkdir -p "$TOOLS"
  trap 'rm -f "$BIN.tmp.$$"' EXIT
  # Build beside the target, then rename: an interrupted build never leaves a half-written binary.
  (cd "$MODULE_DIR" && go build "$@" -o "$BIN.tmp.$$" "$PACKAGE")
  mv "$BIN.tmp.$$" "$BIN"
fi
echo "$BIN"
