#!/usr/bin/env bash
# The benchmark suite, in one command (from the repo root, as root):
#
#   bash bench/run.sh
#
# installs what it needs (Debian packages: wrk, gnuplot-nox, valgrind, Java and
# Lucene 4.10 for the peer), builds Gazette (Release), then measures indexing,
# latency, throughput, a 10-minute soak, scale, shards, quality, Lucene in the same run, and
# profiles; writes bench/RESULTS.md and bench/scale.png. It prints figures: it
# is not a test and not part of CI. The full run takes two to three hours on 2
# cores, most of it importing the 1,000,000-article corpus (once whole, once in
# 4 shards).
#
# Environment:
#   BENCH_WORK=/tmp/gazette-bench  work folder (corpora, indexes, raw outputs; outside the repo)
#   BENCH_SCALES="63130 250000 1000000"  articles of each scale point (63130: the shared corpus)
#   BENCH_QUICK=1    a short run to try the harness: 5 s wrk runs, fewer repetitions
#   BENCH_FRESH=1    redo everything; otherwise every output already in BENCH_WORK/raw
#                    (raw-quick in quick mode) is kept and its step skipped
#   BENCH_STEPS="..."  run only these steps (default: all, in the order below)
#   BENCH_ROUNDS=2   rounds of the comparison with Lucene and the floor (see step_index)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

WORK=${BENCH_WORK:-/tmp/gazette-bench}
SCALES=${BENCH_SCALES:-63130 250000 1000000}
QUICK=${BENCH_QUICK:-0}
STEPS=${BENCH_STEPS:-setup build machine index latency alerts throughput soak quality peers scale cluster profile report}
CORPUS=../shared/corpus
EVAL=../shared/eval
CORPUS_ARTICLES=63130  # the scale point that is the shared corpus itself
if [[ $QUICK == 1 ]]; then
  WRK_SECONDS=5 WRK_CONNECTIONS="8 32" WARMUP=1 REPEATS=3 PROFILE_ARTICLES=500 SOAK_SECONDS=120 ROUNDS=1
else
  WRK_SECONDS=30 WRK_CONNECTIONS="8 32 64" WARMUP=2 REPEATS=10 PROFILE_ARTICLES=2000 SOAK_SECONDS=600 ROUNDS=2
fi
ROUNDS=${BENCH_ROUNDS:-$ROUNDS}
# The peers' harness wants at least 5 timed passes; Gazette's side of the
# comparison runs with the same passes.
PEER_WARMUP=$WARMUP PEER_REPEATS=$((REPEATS < 5 ? 5 : REPEATS))
# Quick and full runs keep their outputs apart, so that neither reuses the
# other's figures; corpora and indexes do not depend on the mode.
RAW=$WORK/raw
if [[ $QUICK == 1 ]]; then RAW=$WORK/raw-quick; fi
if [[ ${BENCH_FRESH:-0} == 1 ]]; then
  # Only the folders this script makes: BENCH_WORK may be a folder of the user's.
  rm -rf "$RAW" "$WORK/index" "$WORK/corpus" "$WORK/peers" "$WORK/profile"
fi
mkdir -p "$RAW" "$WORK/index" "$WORK/corpus" "$WORK/peers" "$WORK/profile"
# Kept for the report: what kind of run wrote these outputs.
printf 'quick %s\nscales %s\nwarmup %s\nrepeats %s\nwrk_seconds %s\nwrk_connections %s\npeer_warmup %s\npeer_repeats %s\nprofile_articles %s\nrounds %s\n' \
  "$QUICK" "$SCALES" "$WARMUP" "$REPEATS" "$WRK_SECONDS" "$WRK_CONNECTIONS" "$PEER_WARMUP" "$PEER_REPEATS" \
  "$PROFILE_ARTICLES" "$ROUNDS" > "$RAW/settings.txt"

# produce OUT COMMAND...: runs COMMAND (stdout and stderr) into OUT, unless OUT
# is there from an earlier run: the unit of restart. OUT starts with the
# command line, which the report lists; it is written under a temporary name
# so that a killed run leaves no half output.
produce() {
  local out=$1
  shift
  if [[ -s $out ]]; then
    echo "   kept $out"
    return
  fi
  echo "   $* > $out"
  local t0=$SECONDS
  # A function of this script names the commands it runs itself (with cmd).
  { [[ $(type -t "$1") == function ]] || say_command "$@"; "$@"; } > "$out.part" 2>&1 \
    || { tail -20 "$out.part" >&2; return 1; }
  echo "# seconds: $((SECONDS - t0))" >> "$out.part"
  mv "$out.part" "$out"
}

# The command line as the shell would take it back (quoted), for the report.
say_command() { echo "# command: $(printf '%q ' "$@")"; }

# cmd COMMAND...: runs it, first naming it for the report.
cmd() {
  say_command "$@"
  "$@"
}

# An import of INPUT... into DB, with its stage table, timed by GNU time.
timed_import() {
  local db=$1
  shift
  cmd /usr/bin/time -v build/bin/gazette-index -q --stats --db "$db" "$@" || (($? == 1))
}

# A fresh import of INPUT... into DB, timed by GNU time (wall, peak memory),
# then the size of the index as imported (already compacted by gazette-index)
# and after xapian-compact on it anyway. The import exits 1 when it skipped
# bad input (the corpus has some): that is not a failure here.
index_run() {
  local db=$1
  shift
  rm -rf "$db" "$db".*
  timed_import "$db" "$@" || return 1
  echo "index_bytes $(du -sb "$db" | cut -f1)"
  echo "# command: xapian-compact $db $db.compact"
  xapian-compact "$db" "$db.compact" > /dev/null || return 1
  echo "compact_bytes $(du -sb "$db.compact" | cut -f1)"
  rm -rf "$db.compact"
}

# In-process latency over an index: the classes named (all when none).
latency_run() {
  local db=$1 classes=${2:-}
  cmd build/bin/gazette-latency --db "$db" --measure-extension --warmup "$WARMUP" --repeats "$REPEATS" \
    ${classes:+--classes "$classes"}
}

step_setup() {
  bash scripts/setup.sh
  local packages=(wrk gnuplot-nox valgrind time xapian-tools liblucene4.10-java openjdk-17-jdk-headless python3)
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "bench setup: installing ${missing[*]} (log: $RAW/setup.log)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; } \
      > "$RAW/setup.log" 2>&1 || { tail -20 "$RAW/setup.log"; return 1; }
  fi
}

step_build() {
  # Release, as measured; -j1 under nice: the machine may be shared.
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > "$RAW/build.log" 2>&1
  nice cmake --build build -j1 --target gazette-index gazette-index-floor gazette-serve gazette-floor-serve gazette-latency gazette-quality \
    gazette-entity-quality gazette-story-quality gazette-synth-corpus gazette-write-floor gazette-percolate \
    >> "$RAW/build.log" 2>&1 ||
    { tail -30 "$RAW/build.log"; return 1; }
  bash scripts/fetch-geo-data.sh build >> "$RAW/build.log" 2>&1
}

step_machine() {
  # Always rewritten: the load and the commit are those of this run.
  {
    echo "cpu $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "cores $(nproc)"
    echo "memory $(free -h | awk '/^Mem:/ {print $2}')"
    echo "os $(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -r))"
    echo "compiler $(c++ --version | head -1)"
    echo "xapian $(xapian-config --version | awk '{print $NF}')"
    echo "java $(java -version 2>&1 | head -1)"
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' ':!bench/scale.png' || echo ' (with uncommitted changes)') on $(git rev-parse --abbrev-ref HEAD)"
    echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, at the start); the bench ran at niceness $(nice)"
  } > "$RAW/machine.txt"
  cat "$RAW/machine.txt"
}

# The comparison with Lucene and with the floor, in ROUNDS rounds, each one
# measuring every side within a few minutes: Gazette's import, Xapian alone
# importing the same text, Lucene through the peers' harness (its import,
# then its searches), then Gazette's searches measured as the harness
# measures Lucene's, with their floor. On this shared machine one import of
# the same binary took from 84 to 133 s within ten minutes (bench/HISTORY.md,
# session 44): the report takes each side's best round and lists them all.
# Round 1's outputs keep the names of a run of one round; round R's end in -R.
step_index() {
  produce "$RAW/corpus-text.txt" build/bin/gazette-synth-corpus --no-copies -n 100000000 -o /dev/null \
    "$CORPUS/orangesum.jsonl.gz" "$CORPUS/lemonde2022.jsonl.gz" "$CORPUS/wikinews.jsonl"
  local peer_corpus r round
  peer_corpus=$(peer_corpus)
  for ((r = 1; r <= ROUNDS; r++)); do
    round=$( ((r == 1)) || echo "-$r")
    echo " -- round $r of $ROUNDS"
    produce "$RAW/index-corpus$round.txt" index_run "$WORK/index/corpus" "$CORPUS"
    # Xapian alone over the same text (the JSON Lines files): the floor.
    produce "$RAW/index-floor$round.txt" floor_run "$WORK/index/floor" \
      "$CORPUS/orangesum.jsonl.gz" "$CORPUS/lemonde2022.jsonl.gz" "$CORPUS/wikinews.jsonl"
    produce "$RAW/peers-lucene$round.txt" lucene_run "$peer_corpus" "$RAW/lucene$round.json"
    peer_searches "$round"
  done
  produce "$RAW/index-corpus-noent.txt" index_run "$WORK/index/corpus-noent" --no-entities "$CORPUS"
  # The same import again over the index it built, nothing changed: what the
  # second `bash scripts/run.sh` costs.
  produce "$RAW/index-corpus-rerun.txt" timed_import "$WORK/index/corpus" "$CORPUS"
}

# Gazette's searches as the peers' harness measures Lucene's (queries.txt
# only, the same passes), and Xapian alone doing them, into files ending in
# ROUND.
peer_searches() {
  local round=$1 passes=(--warmup "$PEER_WARMUP" --repeats "$PEER_REPEATS")
  produce "$RAW/peers-gazette$round.txt" build/bin/gazette-latency --db "$WORK/index/corpus" --no-known-queries \
    --classes top10,top10+section+year "${passes[@]}"
  # The harness reads only the ids of Lucene's hits: Gazette doing the same work, without snippets.
  produce "$RAW/peers-gazette-ids$round.txt" build/bin/gazette-latency --db "$WORK/index/corpus" --no-known-queries \
    --classes top10,top10+section+year --snippets 0 "${passes[@]}"
  produce "$RAW/peers-floor$round.txt" build/bin/gazette-latency --db "$WORK/index/corpus" --no-known-queries \
    --xapian-floor --classes "top10,top10+section+year,all facets" "${passes[@]}"
}

# Xapian alone (gazette-index-floor) indexing INPUT... into DB, timed by GNU
# time; the index is then removed.
floor_run() {
  local db=$1
  shift
  cmd /usr/bin/time -v build/bin/gazette-index-floor --db "$db" "$@" || return 1
  rm -rf "$db"
}

step_latency() {
  produce "$RAW/latency-inprocess.txt" latency_run "$WORK/index/corpus"
  produce "$RAW/latency-floor.txt" cmd build/bin/gazette-latency --db "$WORK/index/corpus" --xapian-floor \
    --warmup "$WARMUP" --repeats "$REPEATS" --classes "top10,top10+section+year,all facets,sorted by date,related"
  produce "$RAW/latency-http.txt" latency_http
  produce "$RAW/api-writes.txt" api_writes
}

# One article at a time through the API (POST, then DELETE), on a copy of
# the index: each write is committed before it answers.
api_writes() {
  local copy=$WORK/index/corpus-writes token=$WORK/write-token
  rm -rf "$copy"
  cp -r "$WORK/index/corpus" "$copy"
  echo bench-write-token > "$token"
  start_serve "$copy" --token-file "$token"
  cmd python3 bench/api_writes.py --url "$SERVE_URL" --token-file "$token" --corpus "$CORPUS/lemonde2022.jsonl.gz" \
    --count 200 || { stop_serve; return 1; }
  stop_serve
  # The floor: Xapian alone adding and deleting the same kind of document.
  cmd build/bin/gazette-write-floor --db "$copy" --count 200
  cmd build/bin/gazette-write-floor --db "$copy" --count 200 --no-sync
  rm -rf "$copy"
}

# 10,000 saved alerts made from the index (gazette-percolate): checking
# batches of 100 articles and of one, with Xapian's floor; then the API's
# writes with the alerts saved in the service.
step_alerts() {
  produce "$RAW/percolate.txt" percolate_run
  produce "$RAW/api-writes-alerts.txt" api_writes_with_alerts
}

percolate_run() {
  cmd build/bin/gazette-percolate --db "$WORK/index/corpus" --alerts 10000 --batch 100 --batches 20 \
    --write-alerts "$WORK/alerts-10000.jsonl"
  cmd build/bin/gazette-percolate --db "$WORK/index/corpus" --alerts 10000 --batch 1 --batches 200
}

api_writes_with_alerts() {
  local copy=$WORK/index/corpus-alerts token=$WORK/write-token store=$WORK/alerts-store
  rm -rf "$copy" "$store"
  cp -r "$WORK/index/corpus" "$copy"
  echo bench-write-token > "$token"
  start_serve "$copy" --token-file "$token" --alerts "$store"
  cmd python3 bench/api_writes.py --url "$SERVE_URL" --token-file "$token" --corpus "$CORPUS/lemonde2022.jsonl.gz" \
    --count 200 --alerts "$WORK/alerts-10000.jsonl" || { stop_serve; return 1; }
  stop_serve
  rm -rf "$copy" "$store"
}

latency_http() {
  start_serve "$WORK/index/corpus"
  cmd build/bin/gazette-latency --url "$SERVE_URL" --warmup "$WARMUP" --repeats "$REPEATS" || { stop_serve; return 1; }
  stop_serve
}

step_throughput() {
  produce "$RAW/throughput.txt" bash bench/http_throughput.sh "$WORK/index/corpus" "$WRK_SECONDS" $WRK_CONNECTIONS
  # The floor under it: Xapian alone behind the same HTTP server.
  produce "$RAW/throughput-floor.txt" env SERVE_BIN=build/bin/gazette-floor-serve \
    bash bench/http_throughput.sh "$WORK/index/corpus" "$WRK_SECONDS" $WRK_CONNECTIONS
  # The mixed load of readers and editors, and its floor.
  local mix=(env WRK_SCRIPT=bench/wrk_mix.lua) mix_loads=(8 32)
  produce "$RAW/throughput-mix.txt" "${mix[@]}" \
    bash bench/http_throughput.sh "$WORK/index/corpus" "$WRK_SECONDS" "${mix_loads[@]}"
  produce "$RAW/throughput-mix-floor.txt" "${mix[@]}" SERVE_BIN=build/bin/gazette-floor-serve \
    bash bench/http_throughput.sh "$WORK/index/corpus" "$WRK_SECONDS" "${mix_loads[@]}"
}

# 4 connections: a steady load the 2 cores keep up with (the throughput step
# measures saturation). A failed verdict is a figure of the report, not the
# end of the run.
step_soak() {
  produce "$RAW/soak.txt" soak_run
}

soak_run() {
  cmd bash bench/soak.sh "$WORK/index/corpus" "$SOAK_SECONDS" 4 || (($? == 1))
}

step_quality() {
  produce "$RAW/quality.txt" build/bin/gazette-quality --db "$WORK/index/corpus"
  produce "$RAW/entity-quality.txt" build/bin/gazette-entity-quality --sample 0 \
    --judged tests/data/entities-gold/articles.jsonl
  produce "$RAW/story-quality.txt" build/bin/gazette-story-quality --db "$WORK/index/corpus" \
    --thresholds 0.15,0.2,0.25,0.3,0.35,0.4,0.5
}

# Lucene's related articles through the peers' harness (its import and its
# searches are measured in rounds with Gazette's: step_index).
step_peers() {
  produce "$RAW/peers-lucene-related.txt" lucene_related_run "$(peer_corpus)"
}

# The shared corpus in the peers' format, made once; prints its path.
peer_corpus() {
  local path=$WORK/corpus/peer-corpus.jsonl
  [[ -s $path ]] || python3 ../shared/peers/peer_corpus.py "$path" >&2
  echo "$path"
}

# The peers' harness: its work folder, and the same passes as Gazette's side.
peer_environment() {
  export BENCH_WORKROOT=$WORK/peers PEER_BUILD=$WORK/peers/build BENCH_WARMUP=$PEER_WARMUP BENCH_REPEATS=$PEER_REPEATS
}

# Lucene's import and searches of PEER_CORPUS, its results copied to JSON.
lucene_run() {
  peer_environment
  cmd env PEERS=lucene ../shared/peers/run_all.sh "$1" "$EVAL/queries.txt" "$WORK/peers" || return 1
  cp "$WORK/peers/lucene.json" "$2"
}

# Every source article of related.tsv, as gazette-quality takes them.
lucene_related_run() {
  peer_environment
  cmd env RELATED_SRCS=1000000 ../shared/peers/lucene/related.sh "$1" "$EVAL/related.tsv" "$WORK/peers" || return 1
  cp "$WORK/peers/lucene_related.json" "$RAW/lucene_related.json"
}

# Each scale point: a synthetic corpus of N articles (the real ones, then
# copies with new ids and dates shifted), its import, Xapian alone indexing
# it (the floor), and the faceted classes in process. The shared corpus's
# point reuses the index and latency steps.
step_scale() {
  local n
  for n in $SCALES; do
    echo " -- $n articles"
    if ((n == CORPUS_ARTICLES)); then continue; fi
    local corpus=$WORK/corpus/synthetic-$n.jsonl.gz
    produce "$RAW/scale-$n-corpus.txt" build/bin/gazette-synth-corpus -n "$n" -o "$corpus"
    produce "$RAW/scale-$n-index.txt" index_run "$WORK/index/synthetic-$n" "$corpus"
    # The floor at this scale: Xapian alone over the same articles.
    produce "$RAW/scale-$n-floor.txt" floor_run "$WORK/index/floor-$n" "$corpus"
    produce "$RAW/scale-$n-latency.txt" latency_run "$WORK/index/synthetic-$n" "top10+section+year,all facets,story"
  done
}

# Shards behind xapian-tcpsrv on loopback (issue 8): the shared corpus in 1,
# 2 and 4 shards; the largest scale point in 4 shards against its one index
# (the scale step's); and a search while shards of it fail.
step_cluster() {
  produce "$RAW/cluster-corpus.txt" bash bench/cluster_bench.sh "$WORK/cluster/corpus" "$WRK_SECONDS" 32
  local n=${SCALES##* }
  ((n != CORPUS_ARTICLES)) || return 0
  # The scale step builds that index; a run without it measures the corpus only.
  [[ -d $WORK/index/synthetic-$n ]] || { echo "   cluster at $n articles: not run (no $WORK/index/synthetic-$n)"; return 0; }
  produce "$RAW/cluster-$n.txt" env CORPUS="$WORK/corpus/synthetic-$n.jsonl.gz" SHARD_COUNTS="1 4" \
    ONE_SHARD="$WORK/index/synthetic-$n" bash bench/cluster_bench.sh "$WORK/cluster/synthetic-$n" "$WRK_SECONDS" 32
  produce "$RAW/shard-fault-$n.txt" bash bench/shard_fault.sh "$WORK/cluster/synthetic-$n/shards-4"
}

step_profile() {
  produce "$RAW/profile-index.txt" bash bench/profile.sh index "$PROFILE_ARTICLES" "$WORK/profile"
  produce "$RAW/profile-query.txt" bash bench/profile.sh query "$WORK/index/corpus" "$WORK/profile"
}

step_report() {
  python3 bench/report.py "$RAW" bench/RESULTS.md "$WORK/scale.dat"
  gnuplot -e "data='$WORK/scale.dat'; out='bench/scale.png'" bench/scale.gp
  echo "wrote bench/RESULTS.md and bench/scale.png"
}

for step in $STEPS; do
  echo "== $step ($(date '+%H:%M:%S'))"
  t0=$SECONDS
  "step_$step"
  echo "$step $((SECONDS - t0))" >> "$RAW/steps.txt"
done
