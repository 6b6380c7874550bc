#!/usr/bin/env bash
# Installs what is missing, then configures and builds Gazette into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
# The entity extractor's data (French places, given names), from npm packages.
bash scripts/fetch-geo-data.sh build
