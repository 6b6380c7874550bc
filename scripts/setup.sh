#!/usr/bin/env bash
# Installs the Debian 12 packages Gazette needs to build and test, and nothing
# when they are all present already (so it is cheap to call before every build).
set -euo pipefail

packages=(
  g++ cmake make pkg-config git ca-certificates
  libxapian-dev xapian-tools
  libicu-dev
  libcpp-httplib-dev nlohmann-json3-dev
  zlib1g-dev
  libgumbo-dev
  libcli11-dev
  libgtest-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
