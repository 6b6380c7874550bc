#!/usr/bin/env bash
# Soak: gazette-serve under a mixed read load for SECONDS (default 600) while
# a writer posts and deletes articles, on a copy of DB (the index is not
# changed). wrk (Debian package) runs one minute at a time, so that latency
# and resident memory can be compared between the first and the last minute.
#   bench/soak.sh DB [SECONDS] [CONNECTIONS]
# CONNECTIONS (default 4) is a steady load that 2 cores keep up with; 16
# saturate them, and then some requests wait past wrk's 2 s.
# Prints a line per minute (socket errors, of which timeouts: wrk's 2 s; HTTP
# error answers by status) and a verdict: socket errors, HTTP errors (4xx and
# 5xx) and failed writes must be 0, memory growth after the first minute
# (warm-up) under 10 %. Exits 1 when the verdict is "fail".
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: bench/soak.sh DB [SECONDS] [CONNECTIONS]}"
seconds="${2:-600}"
connections="${3:-4}"
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool not found: apt-get install $tool" >&2; exit 1; }; done
shared=${GAZETTE_SHARED_DIR:-../shared}

source bench/lib.sh

work=$(mktemp -d)
cp -r "$db" "$work/db"
writer=
# (errexit holds in the trap too: a kill with no writer left must not end it.)
trap 'kill $writer 2>/dev/null || true; stop_serve; rm -rf "$work"' EXIT
token=soak-$RANDOM$RANDOM
GAZETTE_WRITE_TOKEN=$token start_serve "$work/db" > /dev/null
url=$SERVE_URL

# The writer: posts a Wikinews article under a new id every 0.2 s and deletes
# the one posted ten writes earlier, so the index keeps its size.
head -n 100 "$shared/corpus/wikinews.jsonl" > "$work/articles.jsonl"
(
  i=0
  while :; do
    i=$((i + 1))
    line=$(sed -n "$(( (i % 100) + 1 ))p" "$work/articles.jsonl" | sed -E 's/^\{"id": "[^"]*"/{"id": "soak-'$i'"/')
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
           -H 'Content-Type: application/json' --data-binary "$line" "$url/api/v1/articles")
    echo "post $code" >> "$work/writes.log"
    if ((i > 10)); then
      code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $token" \
             "$url/api/v1/articles/soak-$((i - 10))")
      echo "delete $code" >> "$work/writes.log"
    fi
    sleep 0.2
  done
) &
writer=$!

export WRK_QUERIES="$shared/eval/queries.txt" WRK_IDS="$shared/eval/known_items.tsv"
minutes=$(( (seconds + 59) / 60 ))
echo "run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "soak: $url, $minutes x 60 s of wrk (2 threads, $connections connections; searches with all facets,"
echo "      article pages, related, suggest) while a writer posts and deletes an article every 0.2 s"
printf '%-6s %8s %8s %8s %8s %8s %8s %-12s %8s\n' minute req/s p50_ms p99_ms sockerr timeouts httperr statuses rss_MB
first_rss=0 total_socket=0 total_http=0 first_p99= last_p99=
for m in $(seq "$minutes"); do
  line=$(wrk -t2 -c"$connections" -d60s -s bench/wrk_mix.lua "$url" | grep '^soak ')
  eval "$(echo "${line#soak }" | tr ' ' '\n' | sed 's/^/s_/')"
  rss=$(rss_mb "$SERVE_PID" | awk '/^rss_mb/ {print $2}')
  ((m == 1)) && first_rss=$rss first_p99=$s_p99_ms
  last_p99=$s_p99_ms
  total_socket=$((total_socket + s_socket_errors)) total_http=$((total_http + s_http_errors))
  printf '%-6s %8.0f %8s %8s %8s %8s %8s %-12s %8s\n' "$m" "$(echo "$s_requests / $s_seconds" | bc -l)" "$s_p50_ms" \
    "$s_p99_ms" "$s_socket_errors" "$s_timeouts" "$s_http_errors" "$s_statuses" "$rss"
done
peak=$(rss_mb "$SERVE_PID" | awk '/^peak_rss_mb/ {print $2}')
kill $writer; wait $writer 2>/dev/null || true; writer=
posts=$(grep -c '^post' "$work/writes.log" || true)
deletes=$(grep -c '^delete' "$work/writes.log" || true)
failed=$(grep -vcE ' 2[0-9][0-9]$' "$work/writes.log" || true)
growth=$(echo "100 * ($rss - $first_rss) / $first_rss" | bc -l)
printf 'writes: %d posts, %d deletes, %d not answered 2xx\n' "$posts" "$deletes" "$failed"
printf 'errors: %d socket, %d HTTP 4xx/5xx; resident memory %d MB after minute 1, %d MB at the end (%+.1f %%)\n' \
  "$total_socket" "$total_http" "$first_rss" "$rss" "$growth"
printf 'p99: %s ms in the first minute, %s ms in the last\n' "$first_p99" "$last_p99"
printf 'memory: peak %d MB resident (VmHWM, over the whole soak)\n' "$peak"
if ((total_socket == 0 && total_http == 0 && failed == 0)) && (($(echo "$growth < 10" | bc -l))); then
  echo "verdict: pass"
else
  echo "verdict: fail"
  exit 1
fi
