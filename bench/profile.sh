#!/usr/bin/env bash
# Where the time goes, from instruction counts (valgrind's callgrind: unlike
# timings, they repeat on a loaded machine). Prints two summaries:
#  - inclusive: each function with the share of all instructions spent in it
#    and in what it calls (callgrind_annotate --inclusive=yes);
#  - self by library: the instructions spent in each object file's own code
#    (Debian's libxapian has no symbols: its internals are unnamed addresses,
#    but their sum says what Xapian costs).
#   bench/profile.sh index ARTICLES WORKDIR   importing the first ARTICLES articles of the corpus
#   bench/profile.sh query DB WORKDIR         the faceted classes of gazette-latency, one pass, in process
#                                             (the searches only, not the opening of the index)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench/profile.sh index ARTICLES WORKDIR | query DB WORKDIR}
arg=${2:?}
work=${3:?}
mkdir -p "$work"
out=$work/callgrind.$mode.out
collect=()
case $mode in
  index)
    slice=$work/slice-$arg.jsonl
    build/bin/gazette-synth-corpus --no-copies -n "$arg" -o "$slice" > /dev/null
    rm -rf "$work/index"
    command=(build/bin/gazette-index -q --db "$work/index" "$slice") ;;
  query)
    command=(build/bin/gazette-latency --db "$arg" --no-known-queries --classes "top10+section+year,all facets"
             --warmup 0 --repeats 1)
    # The searches alone: opening the index and building its facet columns,
    # done once per revision, would otherwise be a quarter of the profile.
    collect=(--collect-atstart=no "--toggle-collect=gazette::Searcher::search(*") ;;
  *) echo "bench/profile.sh: unknown mode $mode" >&2; exit 2 ;;
esac
echo "profiled: ${command[*]}"
# The import's exit status 1 (some input skipped) is not a failure here.
valgrind --tool=callgrind --callgrind-out-file="$out" "${collect[@]}" "${command[@]}" > /dev/null 2> "$work/valgrind.$mode.log" \
  || (($? == 1)) || { tail "$work/valgrind.$mode.log" >&2; exit 1; }
callgrind_annotate --inclusive=yes --threshold=99 "$out" > "$work/inclusive.$mode.txt"
callgrind_annotate --inclusive=no --threshold=100 "$out" > "$work/self.$mode.txt"
echo "== inclusive"
grep -E 'PROGRAM TOTALS|^ *[0-9,]+ \( *[0-9.]+%\)  .*[A-Za-z_]\w*::|^ *[0-9,]+ \( *[0-9.]+%\)  [^?]' "$work/inclusive.$mode.txt" \
  | grep -v '???:0x' | sed -n 1,60p
echo "== self by library"
awk '/^ *[0-9,]+ .*\[.*\]$/ {
       n = $1; gsub(",", "", n); obj = $NF; gsub(/^\[|\]$/, "", obj); sub(".*/", "", obj)
       self[obj] += n; total += n }
     END { for (o in self) printf "%6.2f%% %s\n", 100 * self[o] / total, o }' "$work/self.$mode.txt" | sort -rn
