#!/usr/bin/env bash
# Regenerates tests/data/wikinews.jsonl from the shared corpus and checks it is
# byte for byte the committed file (README.md in this folder says why it is
# the whole Wikinews file and nothing else).
#   bash tests/data/make_fixture.sh [shared dir, default ../shared]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../../shared}"
cp "$shared/corpus/wikinews.jsonl" "$here/wikinews.jsonl"
echo "6b42ee2932304462155e67d28386ac472b16bfedbb547ca129aa9c1a6ffb0445  $here/wikinews.jsonl" | sha256sum --check
