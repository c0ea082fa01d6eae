#!/usr/bin/env bash
# Builds Jaeger v2 (cmd/jaeger, module v1.76.0) into the tools cache unless it is there, and prints its path.
exec bash "$(dirname "$0")/build-tool.sh" jaeger-v1.76.0 tests/jaeger/build github.com/jaegertracing/jaeger/cmd/jaeger
