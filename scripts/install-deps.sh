#!/usr/bin/env bash
# Installs the Debian packages aihost needs to build and test, and nothing
# when they are all present already (a second run costs a dpkg query).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache lld
  libboost-dev libpoco-dev libssl-dev libpq-dev
  libyaml-cpp-dev nlohmann-json3-dev catch2 libre2-dev libjemalloc-dev
  libsimdjson-dev
  postgresql
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
