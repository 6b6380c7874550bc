#!/usr/bin/env bash
# The README's second command (and CI's): installs, builds, runs every test,
# then the sanitizer build and brief fuzzing (tests/hardened.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash scripts/setup-browser.sh
(cd build && ctest --output-on-failure -j"$(nproc)" --timeout 900)
# The same suite under ASan + UBSan, then a minute of fuzzing.
bash tests/hardened.sh
