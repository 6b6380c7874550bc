#!/usr/bin/env bash
# Installs what is missing, then configures and builds Gazette into build/:
# the targets named as arguments (scripts/run.sh names the three programs),
# else everything, tests included. The compiler's output goes to build.log;
# the terminal shows one line per step, so that a first build of several
# minutes shows where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "Configuring (build.log)..."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" > build.log 2>&1 || { cat build.log; exit 1; }
targets=()
for t in "$@"; do targets+=(--target "$t"); done
echo "Building ${*:-everything} on $(nproc) cores..."
if ! cmake --build build -j"$(nproc)" "${targets[@]}" 2>&1 | tee -a build.log |
  { grep --line-buffered -E '^\[ *[0-9]+%\] (Building|Linking)' || true; }; then
  tail -50 build.log
  exit 1
fi
# The entity extractor's data (French places, given names), from npm packages.
bash scripts/fetch-geo-data.sh build
