#!/usr/bin/env bash
# Fetches the data sources of the named-entity extractor from the npm registry
# and converts them into one compact TSV that EntityExtractor loads at start:
#
#   BUILD_DIR/geo/entities-data.tsv
#
# Sources (all MIT-licensed npm packages; nothing is committed to the repo):
#   @etalab/decoupage-administratif  French communes (with INSEE populations),
#                                    départements and régions (INSEE COG)
#   gender-detection-from-name       French given names (names/fr.js)
#   an-array-of-french-words         French common words, to tell names that
#                                    are also ordinary words ("Tours", "Sens")
#
# Usage: scripts/fetch-geo-data.sh [BUILD_DIR]   (default: build)
# Idempotent: does nothing when the TSV is newer than the installed packages
# and the converter; reinstalls only when a pinned version is missing.
# Needs node and npm (Debian packages nodejs and npm).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${1:-build}"
geo_dir="$build_dir/geo"
out="$geo_dir/entities-data.tsv"
converter="scripts/convert-geo-data.mjs"

packages=(
  "@etalab/decoupage-administratif@6.0.0"
  "gender-detection-from-name@1.11.5"
  "an-array-of-french-words@2.0.0"
)

for tool in node npm; do
  command -v "$tool" > /dev/null || { echo "fetch-geo-data: $tool not found (apt-get install nodejs npm)" >&2; exit 1; }
done

mkdir -p "$geo_dir"

installed_version() {  # name -> version installed under $geo_dir, or nothing
  local manifest="$geo_dir/node_modules/$1/package.json"
  [[ -f "$manifest" ]] && node -p "require(process.argv[1]).version" "$(realpath "$manifest")" 2> /dev/null || true
}

missing=()
for spec in "${packages[@]}"; do
  name="${spec%@*}" version="${spec##*@}"
  [[ "$(installed_version "$name")" == "$version" ]] || missing+=("$spec")
done

if ((${#missing[@]})); then
  echo "fetch-geo-data: npm install ${missing[*]}"
  npm install --prefix "$geo_dir" --no-audit --no-fund --loglevel=error "${missing[@]}" > /dev/null
fi

if [[ -f "$out" && "$out" -nt "$converter" && "$out" -nt "$geo_dir/package-lock.json" ]]; then
  echo "fetch-geo-data: $out is up to date"
  exit 0
fi

node "$converter" "$geo_dir/node_modules" "$out.tmp"
mv "$out.tmp" "$out"
echo "fetch-geo-data: wrote $out ($(wc -l < "$out") lines)"
