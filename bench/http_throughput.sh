#!/usr/bin/env bash
# Faceted searches per second over HTTP: starts gazette-serve on a loopback
# port over DB, runs wrk (Debian package) at several connection counts, stops
# the server. Prints wrk's figures and the server's resident memory (now and
# its peak, which was under the load); a measurement, not a test.
#   bench/http_throughput.sh DB [SECONDS] [CONNECTIONS...]
# WRK_SCRIPT=bench/wrk_mix.lua: the mixed load of readers and editors
# (searches, article pages, related, suggestions) instead of searches only.
# SERVE_BIN=build/bin/gazette-floor-serve: the floor (Xapian alone behind the
# same HTTP server) instead of gazette-serve. After each run: the CPU time
# the server used during it, in seconds (server_cpu_s; bench/report.py
# divides it by the requests answered).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
db="${1:?usage: bench/http_throughput.sh DB [SECONDS] [CONNECTIONS...]}"
seconds="${2:-30}"
shift $(( $# >= 2 ? 2 : 1 ))
connections=("${@:-8 32 64}")
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

start_serve "$db"
trap stop_serve EXIT
echo "server at idle: $(rss_mb "$SERVE_PID" | head -1)"
export WRK_QUERIES="$PWD/../shared/eval/queries.txt" WRK_IDS="$PWD/../shared/eval/known_items.tsv"
script=${WRK_SCRIPT:-bench/wrk_search.lua}
# Warm-up, not reported: the first searches read the index from disk.
wrk -t2 -c8 -d5s -s "$script" "$SERVE_URL" > /dev/null
for c in ${connections[@]}; do
  echo "== $c connections, 2 threads, ${seconds}s: $SERVE_URL, $script"
  echo "# command: wrk -t2 -c$c -d${seconds}s --latency -s $script $SERVE_URL"
  cpu_before=$(cpu_seconds "$SERVE_PID")
  wrk -t2 -c"$c" -d"${seconds}s" --latency -s "$script" "$SERVE_URL" | grep -E "Requests/sec|wrk:|soak |Latency  |Non-2xx"
  cpu_after=$(cpu_seconds "$SERVE_PID")
  awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN {printf "server_cpu_s %.2f\n", a - b}'
done
echo "server after the load:"
rss_mb "$SERVE_PID"
