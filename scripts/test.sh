#!/usr/bin/env bash
# The README's second command (and CI's): installs, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash scripts/setup-browser.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
