#!/usr/bin/env bash
# The sanitizer and fuzzing part of the README's test command (scripts/test.sh):
#
#   1. builds everything into build-hardened/ with clang++, AddressSanitizer
#      and UndefinedBehaviorSanitizer (-DGAZETTE_SANITIZE=address), plus the
#      libFuzzer targets (-DGAZETTE_FUZZ=ON);
#   2. runs the whole ctest suite there, under the sanitizers (the browser
#      tests excepted: they drive chromium, and the requests they make are
#      the service tests' own);
#   3. runs each fuzz target briefly ($GAZETTE_FUZZ_SECONDS each, 8 s by
#      default: about a minute in all); a crash fails the run and is saved as
#      a regression input (tests/fuzz/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${GAZETTE_HARDENED_BUILD:-$PWD/build-hardened}
jobs=$(nproc)

echo "== sanitizers: building in $build (clang++, ASan + UBSan, libFuzzer targets)"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGAZETTE_SANITIZE=address -DGAZETTE_FUZZ=ON > "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
cmake --build "$build" -j"$jobs" >> "$build.log" 2>&1 || { tail -50 "$build.log"; exit 1; }
# The entity extractor's data, as the ordinary build fetched it (scripts/build.sh).
[[ -f build/geo/entities-data.tsv ]] || bash scripts/fetch-geo-data.sh build
mkdir -p "$build/geo"
cp build/geo/entities-data.tsv "$build/geo/"

echo "== sanitizers: the test suite under ASan + UBSan"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 1800 -E '^browser_tests$')

echo "== fuzzing: each target for ${GAZETTE_FUZZ_SECONDS:-8} s"
GAZETTE_FUZZ_BUILD=$build GAZETTE_FUZZ_JOBS=$jobs bash tests/fuzz/run.sh 100000000 "${GAZETTE_FUZZ_SECONDS:-8}"
