#!/usr/bin/env bash
# The README's first command: installs, builds, indexes the default corpus
# (every file in ../shared/corpus) into data/index, then serves it.
# Re-running is cheap: articles already indexed and unchanged are not written.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh gazette-index gazette-search gazette-serve
corpus="${GAZETTE_CORPUS:-../shared/corpus}"
db="${GAZETTE_DB:-data/index}"
mkdir -p "$(dirname "$db")"
# Exit status 1 means some input was skipped (each one is named above); the
# rest is indexed, so the service starts anyway.
build/bin/gazette-index --db "$db" "$corpus" || [ $? -eq 1 ]
if [ -x build/bin/gazette-serve ]; then
  # Saved alerts live beside the index (writes and alerts need a token:
  # GAZETTE_WRITE_TOKEN, see the README).
  exec build/bin/gazette-serve --db "$db" --alerts "$(dirname "$db")/alerts" --port "${PORT:-8080}"
fi
echo "Sample query: gazette-search --db $db 'Kim Jong-un'"
build/bin/gazette-search --db "$db" --limit 3 'Kim Jong-un'
