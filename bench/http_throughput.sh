#!/usr/bin/env bash
# Faceted searches per second over HTTP: starts gazette-serve on a loopback
# port over DB, runs wrk (Debian package) at several connection counts, stops
# the server. Prints wrk's figures; a measurement, not a test.
#   bench/http_throughput.sh DB [SECONDS] [CONNECTIONS...]
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: bench/http_throughput.sh DB [SECONDS] [CONNECTIONS...]}"
seconds="${2:-30}"
shift $(( $# >= 2 ? 2 : 1 ))
connections=("${@:-8 32 64}")
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

log=$(mktemp)
build/bin/gazette-serve --db "$db" --port 0 --quiet 2> "$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
export WRK_QUERIES="$PWD/../shared/eval/queries.txt"
for c in ${connections[@]}; do
  echo "== $c connections, 2 threads, ${seconds}s: $url searches with all facets"
  wrk -t2 -c"$c" -d"${seconds}s" --latency -s bench/wrk_search.lua "$url" | grep -E "Requests/sec|wrk:|Latency  |Non-2xx"
done
rss=$(ps -o rss= -p $server)
echo "gazette-serve resident memory after the load: $((rss / 1024)) MB"
