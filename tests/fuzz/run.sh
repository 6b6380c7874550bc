#!/usr/bin/env bash
# Fuzzes every untrusted-input entry point of Gazette with libFuzzer.
#
#   bash tests/fuzz/run.sh [RUNS_PER_TARGET] [SECONDS_PER_TARGET]
#
# Configures build-fuzz/ (or $GAZETTE_FUZZ_BUILD) with clang++ and
# -DGAZETTE_FUZZ=ON, builds the targets, makes seed corpora from the real
# inputs in ../shared (nothing of the corpus is committed), then runs the
# targets one at a time: RUNS executions each (default 1,000,000), or
# SECONDS each when given (whichever comes first). Prints per target the
# executions, coverage (libFuzzer's cov: edges and ft: features) and crashes.
# Each crash is copied to tests/fuzz/regressions/<target>/, which the ordinary
# test suite replays (tests/fuzz_regressions_test.cc). Exits 1 if any target
# crashed.
set -euo pipefail

runs=${1:-1000000}
seconds=${2:-0}
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GAZETTE_SHARED_DIR:-$repo/../shared}
build=${GAZETTE_FUZZ_BUILD:-$repo/build-fuzz}
targets=(jsonl_fuzz html_fuzz text_fuzz analyzer_fuzz query_fuzz params_fuzz cursor_fuzz stored_fuzz quotes_fuzz
         json_writer_fuzz)
[[ -n ${GAZETTE_FUZZ_TARGETS:-} ]] && read -r -a targets <<< "$GAZETTE_FUZZ_TARGETS"

# Longest input per target: whole pages for HTML, long lines for JSON, short
# strings where the input is a query or a cursor.
declare -A max_len=([jsonl_fuzz]=16384 [html_fuzz]=8192 [text_fuzz]=8192 [analyzer_fuzz]=4096
                    [query_fuzz]=2048 [params_fuzz]=4096 [cursor_fuzz]=256 [stored_fuzz]=16384 [quotes_fuzz]=4096
                    [json_writer_fuzz]=4096)
declare -A dict=([jsonl_fuzz]=json.dict [html_fuzz]=html.dict [params_fuzz]=json.dict [stored_fuzz]=json.dict)

echo "== building in $build"
cmake -S "$repo" -B "$build" -DGAZETTE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 2; }
cmake --build "$build" -j "${GAZETTE_FUZZ_JOBS:-1}" --target "${targets[@]}" > "$build/build.log" 2>&1 ||
  { tail -50 "$build/build.log"; exit 2; }

# ------------------------------------------------------------ seed corpora
# `head` closes its pipe early on purpose: no pipefail while seeding.
set +o pipefail
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
seed() {  # seed TARGET < bytes (often in a pipeline: no counter survives)
  mkdir -p "$seeds/$1"
  cat > "$(mktemp "$seeds/$1/s.XXXXXXXX")"
}
# Stored documents: the committed fixture's articles (the stored form has
# their fields), one with the entities the indexer adds.
while IFS= read -r line; do printf '%s' "$line" | seed stored_fuzz; done < "$repo/tests/data/wikinews.jsonl"
printf '%s' '{"id":"s-1","title":"L’Élysée","body":"Texte","published":"2022-03-01T10:00:00Z","tags":["a"],"entities":[{"id":"p:emmanuel-macron","name":"Emmanuel Macron","type":"person","aliases":["Macron"],"mentions":2}],"truncated":true}' | seed stored_fuzz
corpus=$shared/corpus
if [[ -d $corpus ]]; then
  # JSON Lines: lines of each export; long Le Monde lines are kept whole.
  { head -n 100 "$corpus/wikinews.jsonl"; zcat "$corpus/lemonde2022.jsonl.gz" | head -n 150;
    zcat "$corpus/orangesum.jsonl.gz" | head -n 150; } > "$seeds/lines.tmp"
  while IFS= read -r line; do printf '%s\n' "$line" | seed jsonl_fuzz; done < "$seeds/lines.tmp"
  # Titles, dates and sections for the analysis, date and filter targets.
  grep -o '"title": "[^"]*"' "$seeds/lines.tmp" | cut -d'"' -f4 | head -n 200 > "$seeds/titles.tmp"
  grep -o '"published": "[^"]*"' "$seeds/lines.tmp" | cut -d'"' -f4 | sort -u | head -n 50 > "$seeds/dates.tmp"
  grep -o '"section": "[^"]*"' "$seeds/lines.tmp" | cut -d'"' -f4 | sort -u | head -n 30 > "$seeds/sections.tmp"
  # Pages are 60-70 KB, mostly scripts and attributes, and the fuzzer runs
  # ~80 pages/s at that size: seeds keep the head and the article's prose.
  for page in "$corpus"/html/*.html; do
    perl -0777 -ne 's/<(script|style|svg|noscript|iframe)\b.*?<\/\1>//gsi; s/<!--.*?-->//gs; s/\s+/ /g;
      s/ (data-[\w-]+|style|onclick|aria-[\w-]+)="[^"]*"//g;
      my ($h) = /(<head.*?<\/head>)/s; my ($a) = /(<[^<>]*itemprop="articleBody".*?)(?:<\/article>|<footer)/s;
      print "<!DOCTYPE html><html>", $h // "", "<body><article>", substr($a // "", 0, 12000), "</article></body></html>"' \
      "$page" | seed html_fuzz
  done
  for text in "$corpus"/text/*.txt; do
    seed text_fuzz < "$text"
    while IFS= read -r line; do [[ -n $line ]] && printf '%s' "$line" | seed analyzer_fuzz; done < "$text"
    head -c 4000 "$text" | seed text_fuzz
  done
  while IFS= read -r t; do printf '%s' "$t" | seed analyzer_fuzz; done < "$seeds/titles.tmp"
  # Paragraphs with quotes, both styles, for the quote extractor.
  grep -o '[^"]*« [^»]* »[^"\\]*' "$seeds/lines.tmp" | head -n 100 > "$seeds/quoted.tmp"
  while IFS= read -r p; do printf '%s' "$p" | seed quotes_fuzz; done < "$seeds/quoted.tmp"
  while IFS= read -r d; do printf '%s' "$d" | seed text_fuzz; done < "$seeds/dates.tmp"
else
  echo "warning: no shared corpus at $corpus: seeds are the built-in examples only" >&2
  : > "$seeds/titles.tmp"; : > "$seeds/sections.tmp"
fi
for d in "1er mars 2022" "lundi 3 janvier 2022" "Sep 14, 2024" "14/09/2024" "2022-03" "03/2022" \
         "11 min read Sep 14, 2024" "Publié le 3 mars 2022 à 10h" "2020-07-02 20:48Z"; do
  printf '%s' "$d" | seed text_fuzz
done
queries=$shared/eval/queries.txt
[[ -f $queries ]] || queries=/dev/null
while IFS= read -r q; do
  [[ -z $q ]] && continue
  printf '%s' "$q" | seed query_fuzz
  printf '%s' "$q" | seed analyzer_fuzz
  printf 'q=%s&size=20&sort=date&facets=section,date' "${q// /+}" | seed params_fuzz
done < "$queries"
# Query syntax and filters (query, then NUL-separated filter values).
for q in 'titre:"Kim Jong-un" 2020..2021' '(guerre OR paix) -ukraine' 'section:"Faits divers" date:2022-03-01..2022-03-31' \
         'L’école AND Élysée' 'auteur:dupont NEAR gaza' '..2019 "jusqu’à"'; do
  printf '%s' "$q" | seed query_fuzz
done
i=0
while IFS= read -r s; do
  i=$((i + 1))
  printf 'retraites\0%s\0éducation\0AFP\0lemonde2022\0%s' "$s" 2022-03 | seed query_fuzz
  printf 'q=gouvernement&section=%s&from=2022-01&to=2022-03-31&page=2' "${s// /+}" | seed params_fuzz
  [[ $i -ge 10 ]] && break
done < "$seeds/sections.tmp"
printf 'cursor=c1.10.deadbeef&q=x&page=2&facets=section,couleur&date_interval=week' | seed params_fuzz
printf 'c1.10.0f0e0d0c\0gouvernement\x1erelevance\x1e10\x1e\x1e' | seed cursor_fuzz
printf 'c1.100.12345678\0' | seed cursor_fuzz
printf '%s' '« Nous allons ouvrir des centres de vaccination », a déclaré Olivier Véran. « Chacun pourra être vacciné », a-t-il ajouté.' | seed quotes_fuzz
# Strings for the answers' writer: French, escapes, an invalid byte, numbers.
printf 'L’école\0« Élysée »\0"\\/\b\t\n\x01\x1f\0\xc3\x28\xff\0œuvre\0\x01\x02\x03\x04\x05\x06\xf8\x7f' | seed json_writer_fuzz
while IFS= read -r t; do printf '%s' "$t" | seed json_writer_fuzz; done < "$seeds/titles.tmp"
printf '%s' 'Selon Emmanuel Macron, "la France tiendra ses engagements envers ses partenaires". M. Macron : « Nous ne céderons rien »' | seed quotes_fuzz
rm -f "$seeds"/*.tmp
set -o pipefail

# ------------------------------------------------------------------- runs
regressions=$repo/tests/fuzz/regressions
summary=()
failed=0
for t in "${targets[@]}"; do
  work=$build/corpus/$t
  artifacts=$build/artifacts/$t
  log=$build/logs/$t.log
  mkdir -p "$work" "$artifacts" "$(dirname "$log")" "$seeds/$t"
  rm -f "$artifacts"/*
  args=(-runs="$runs" -max_len="${max_len[$t]}" -timeout=25 -rss_limit_mb=4096
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ $seconds != 0 ]] && args+=(-max_total_time="$seconds")
  [[ -n ${dict[$t]:-} ]] && args+=(-dict="$repo/tests/fuzz/dict/${dict[$t]}")
  echo "== $t ${args[*]}"
  set +e
  "$build/bin/$t" "${args[@]}" "$work" "$seeds/$t" > "$log" 2>&1
  status=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [[ -z $execs ]] && execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  crashes=0
  for a in "$artifacts"/*; do
    [[ -e $a ]] || continue
    crashes=$((crashes + 1))
    mkdir -p "$regressions/$t"
    # Minimised first: smaller to read, and no copy of corpus text is kept.
    if [[ $(basename "$a") == crash-* ]]; then
      "$build/bin/$t" -minimize_crash=1 -max_total_time=60 -exact_artifact_path="$regressions/$t/$(basename "$a")" \
        "$a" > "$build/logs/$t.minimize.log" 2>&1 || cp "$a" "$regressions/$t/$(basename "$a")"
    else
      cp "$a" "$regressions/$t/$(basename "$a")"
    fi
    echo "   crash saved as tests/fuzz/regressions/$t/$(basename "$a")"
  done
  if [[ $status -ne 0 && $crashes -eq 0 ]]; then crashes="1 (exit $status, no artifact)"; fi
  [[ $crashes != 0 ]] && { failed=1; grep -m 3 -E 'ERROR|runtime error|terminate|what\(\)' "$log" || true; }
  line=$(printf '%-16s executions %-9s (%s/s)  %s  crashes %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$crashes")
  echo "   $line"
  summary+=("$line")
done

echo
echo "== summary (logs in $build/logs)"
printf '%s\n' "${summary[@]}"
exit $failed
