#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet (apt-get update only if needed).
set -euo pipefail
missing=()
for pkg in "$@"; do
  # dpkg -s also succeeds for a removed package whose config files remain: ask for "installed".
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
