#!/usr/bin/env bash
# Issue 8 figures (a measurement, not a test): builds the whole corpus as 1,
# 2 and 4 kept shards (gazette-index --keep-shards, timed), serves each set
# with one xapian-tcpsrv per shard on loopback behind gazette-serve
# --cluster, and measures faceted searches over HTTP: gazette-latency --url
# ("all facets" p50/p95) and wrk (requests/s, bench/wrk_search.lua). A row
# "local" serves the 1-shard folder with --db (no remote protocol) for
# comparison. Ends with a TSV table, which bench/report.py renders in
# bench/RESULTS.md (bench/run.sh, step cluster).
#   [CORPUS=files] [SHARD_COUNTS="1 2 4"] [REUSE=1] [ONE_SHARD=DB] [LATENCY_PASSES=...] bench/cluster_bench.sh [WORKDIR] [WRK_SECONDS] [WRK_CONNECTIONS]
# LATENCY_PASSES="--warmup 0 --repeats 1" makes the latency pass shorter.
# REUSE=1 measures the shards a previous run left in WORKDIR without rebuilding them.
# ONE_SHARD=DB takes an index of the same corpus already built by gazette-index
# (one database, not shards) as the 1-shard case, linked rather than rebuilt.
# The 1,000,000-article case (bench/run.sh, step cluster):
# CORPUS=$BENCH_WORK/corpus/synthetic-1000000.jsonl.gz SHARD_COUNTS="1 4"
# ONE_SHARD=$BENCH_WORK/index/synthetic-1000000.
# Runs everything at nice; stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
work="${1:-/tmp/gazette-cluster-bench}"
seconds="${2:-20}"
connections="${3:-32}"
corpus="${CORPUS:-../shared/corpus}"  # files or folders to index
latency_passes="${LATENCY_PASSES:---warmup 1 --repeats 3}"  # gazette-latency's passes over the queries
read -r -a counts <<< "${SHARD_COUNTS:-1 2 4}"  # 1 must be among them: the "local" row serves it
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv not found: apt-get install xapian-tools" >&2; exit 1; }
mkdir -p "$work"
export WRK_QUERIES="$PWD/../shared/eval/queries.txt"

pids=()
stop_all() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT

# Starts gazette-serve with the given arguments; sets $url. (Not called in
# $(...): the server would hold the substitution's pipe open.)
serve() {
  local log="$work/serve.log"
  setsid nice build/bin/gazette-serve "$@" --port 0 --quiet > /dev/null 2> "$log" &
  pids+=($!)
  url=$(listening_url "$log")
}

# Prints "p50<TAB>p95<TAB>requests/s" of faceted searches against URL.
measure() {
  local url="$1" latency rps
  latency=$(nice build/bin/gazette-latency --url "$url" --classes "all facets" $latency_passes | awk '/^all facets/ {print $4 "\t" $5}')
  rps=$(nice wrk -t2 -c"$connections" -d"${seconds}s" -s bench/wrk_search.lua "$url" | awk '/Requests\/sec/ {print $2}')
  printf '%s\t%s\n' "$latency" "$rps"
}

# Each row is also shown when measured: a long run stopped early keeps them.
rows=()
row() {
  rows+=("$1")
  echo "measured: $1" >&2
}

declare -A index_seconds
if [ -n "${ONE_SHARD:-}" ]; then
  # A folder of kept shards whose only shard is that index; the empty import
  # writes its global database.
  rm -rf "$work/shards-1"
  mkdir -p "$work/shards-1"
  ln -s "$(cd "$ONE_SHARD" && pwd)" "$work/shards-1/shard-0"
  echo "auto shard-0" > "$work/shards-1/XAPIANDB"
  echo '{"shards": [{"name": "shard-0", "master": "shard-0"}], "global": "global"}' > "$work/shards-1/cluster.json"
  : > "$work/empty.jsonl"
  build/bin/gazette-index -q --db "$work/shards-1" "$work/empty.jsonl"
  index_seconds[1]=-
fi
for n in "${counts[@]}"; do
  if [ -n "${index_seconds[$n]:-}" ]; then continue; fi
  if [ -n "${REUSE:-}" ] && [ -e "$work/shards-$n/cluster.json" ]; then index_seconds[$n]=-; continue; fi
  rm -rf "$work/shards-$n"
  start=$(date +%s.%N)
  nice build/bin/gazette-index --db "$work/shards-$n" --shards "$n" --keep-shards -q "$corpus" || [ $? -eq 1 ]
  index_seconds[$n]=$(echo "$(date +%s.%N) - $start" | bc)
  echo "indexed the corpus into $n kept shard(s) in ${index_seconds[$n]} s" >&2
done

serve --db "$work/shards-1"
echo "local (--db, 1 shard): $url" >&2
row "local	1	${index_seconds[1]}	$(measure "$url")"
stop_all

for n in "${counts[@]}"; do
  shards="[]"
  for i in $(seq 0 $((n - 1))); do
    port=$(free_port)
    setsid nice xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$work/shards-$n/shard-$i" > /dev/null &
    pids+=($!)
    shards=$(echo "$shards" | python3 -c "import json,sys; s=json.load(sys.stdin); s.append({'name': 'shard-$i', 'master': '127.0.0.1:$port'}); print(json.dumps(s))")
  done
  echo "{\"shards\": $shards, \"global\": \"$work/shards-$n/global\", \"timeout_ms\": 5000}" > "$work/cluster-$n.json"
  sleep 1
  serve --cluster "$work/cluster-$n.json"
  echo "cluster of $n remote shard(s): $url" >&2
  row "remote	$n	${index_seconds[$n]}	$(measure "$url")"
  stop_all
done

echo "== issue 8: faceted searches (all facets) over HTTP; wrk ${seconds}s, ${connections} connections, 2 threads"
printf 'mode\tshards\tindex_s\tp50_ms\tp95_ms\trequests_per_s\n'
printf '%s\n' "${rows[@]}"
