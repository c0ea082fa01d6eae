#!/usr/bin/env bash
# `npm run server`: builds the plugin (frontend and the backend for the container's platform)
# and starts the docker compose dev instance on http://localhost:3000. With
# COMPOSE_PROFILES=scale-out it also starts the Cortex cluster, its gateway and the agents.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
npm run build
case "$(uname -m)" in
  arm64 | aarch64) go tool mage -v build:linuxARM64 ;;
  *) go tool mage -v build:linux ;;
esac
exec docker compose up --build "$@"
