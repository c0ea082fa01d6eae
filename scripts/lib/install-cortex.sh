#!/usr/bin/env bash
# Builds Cortex v1.21.1 (cmd/cortex) into the tools cache unless it is there, and prints its path.
# Cortex's Makefile builds with slicelabels: its label adapters cast to Prometheus' slice form, and
# without the tag an ingester panics on the first push (Prometheus v0.308 defaults to strings).
exec bash "$(dirname "$0")/build-tool.sh" cortex-v1.21.1 tests/cortex/build github.com/cortexproject/cortex/cmd/cortex -tags "netgo slicelabels"
