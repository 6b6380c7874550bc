#!/usr/bin/env bash
# Where the time goes, from instruction counts (valgrind's callgrind: unlike
# timings, they repeat on a loaded machine). Prints callgrind_annotate's
# inclusive summary: each function with the share of all instructions spent
# in it and in what it calls.
#   bench/profile.sh index ARTICLES WORKDIR   importing the first ARTICLES articles of the corpus
#   bench/profile.sh query DB WORKDIR         the faceted classes of gazette-latency, one pass, in process
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench/profile.sh index ARTICLES WORKDIR | query DB WORKDIR}
arg=${2:?}
work=${3:?}
mkdir -p "$work"
out=$work/callgrind.$mode.out
case $mode in
  index)
    slice=$work/slice-$arg.jsonl
    build/bin/gazette-synth-corpus --no-copies -n "$arg" -o "$slice" > /dev/null
    rm -rf "$work/index"
    command=(build/bin/gazette-index -q --db "$work/index" "$slice") ;;
  query)
    command=(build/bin/gazette-latency --db "$arg" --no-known-queries --classes "top10+section+year,all facets"
             --warmup 0 --repeats 1) ;;
  *) echo "bench/profile.sh: unknown mode $mode" >&2; exit 2 ;;
esac
echo "profiled: ${command[*]}"
# The import's exit status 1 (some input skipped) is not a failure here.
valgrind --tool=callgrind --callgrind-out-file="$out" "${command[@]}" > /dev/null 2> "$work/valgrind.$mode.log" \
  || (($? == 1)) || { tail "$work/valgrind.$mode.log" >&2; exit 1; }
callgrind_annotate --inclusive=yes --threshold=99 "$out" | head -80
