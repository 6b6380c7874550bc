#!/usr/bin/env bash
# Installs the Debian 12 packages Gazette needs to build and test (clang and
# its sanitizer runtimes for the ASan/UBSan and libFuzzer builds), and nothing
# when they are all present already (so it is cheap to call before every build).
# Node.js and npm fetch the entity extractor's data (scripts/fetch-geo-data.sh)
# and run the browser tests.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git ca-certificates
  libxapian-dev xapian-tools
  libicu-dev
  libgeonames-common
  libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev rapidjson-dev
  zlib1g-dev libzstd-dev
  libjemalloc-dev
  libgumbo-dev
  libcli11-dev
  libgtest-dev
  python3-feedparser
  clang libclang-rt-14-dev llvm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Checked by command, not by package: a machine may have Node.js from elsewhere
# (with npm bundled), and Debian's npm package would conflict with it.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
