#!/usr/bin/env bash
# Issue 8 figures (a measurement, not a test): what a search answers, and how
# fast, when a shard's server stops. Serves the kept shards of SHARDS_DIR
# (gazette-index --shards N --keep-shards; N >= 2) with one xapian-tcpsrv each
# on loopback, plus a second xapian-tcpsrv over shard 0's folder named as its
# replica, behind two gazette-serve --cluster: one with on_failure "partial",
# one with "unavailable". Then times a faceted search (curl, all facets) with
# every shard up, shard 0's master killed (its replica answers), then also
# shard 1 hung (SIGSTOP: the remote timeout), then shard 1 killed. Each state
# is asked twice: the first request finds the fault, the second meets an
# endpoint that failed less than a second ago (skipped at once,
# cluster/shard_set.h).
#   bench/shard_fault.sh SHARDS_DIR [TIMEOUT_MS]
# Prints a TSV table. Stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
shards_dir=$(cd "${1:?usage: bench/shard_fault.sh SHARDS_DIR [TIMEOUT_MS]}" && pwd)
timeout_ms="${2:-2000}"
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["shards"]))' "$shards_dir/cluster.json")
[ "$n" -ge 2 ] || { echo "$shards_dir has $n shard(s): 2 or more are needed" >&2; exit 2; }
work=$(mktemp -d /tmp/gazette-shard-fault.XXXXXX)

pids=()
stop_all() {
  for p in "${pids[@]}"; do kill -CONT -- "-$p" 2>/dev/null || true; kill -- "-$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT

# Starts a xapian-tcpsrv over FOLDER; sets $port and $pid.
tcpsrv() {
  port=$(free_port)
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" > /dev/null 2>&1 &
  pid=$!
  pids+=("$pid")
}

declare -a shard_pid
masters=()
for i in $(seq 0 $((n - 1))); do
  tcpsrv "$shards_dir/shard-$i"
  shard_pid[$i]=$pid
  masters+=("127.0.0.1:$port")
done
tcpsrv "$shards_dir/shard-0"
replica="127.0.0.1:$port"
for policy in partial unavailable; do
  python3 -c '
import json, sys
policy, timeout_ms, global_db, replica, *masters = sys.argv[1:]
shards = [{"name": "shard-%d" % i, "master": m} for i, m in enumerate(masters)]
shards[0]["replicas"] = [replica]
print(json.dumps({"shards": shards, "on_failure": policy, "timeout_ms": int(timeout_ms), "global": global_db}))
' "$policy" "$timeout_ms" "$shards_dir/global" "$replica" "${masters[@]}" > "$work/cluster-$policy.json"
done
sleep 1

declare -A url
for policy in partial unavailable; do
  log="$work/serve-$policy.log"
  setsid build/bin/gazette-serve --cluster "$work/cluster-$policy.json" --port 0 --quiet > /dev/null 2> "$log" &
  pids+=($!)
  url[$policy]=$(listening_url "$log")
done

query="api/v1/search?q=gouvernement+r%C3%A9forme&facets=section,tag,source,date,entity&size=10"
# Prints: state, policy, attempt, HTTP status, milliseconds, total, partial, failed shards.
ask() {
  local state="$1" policy="$2" attempt="$3" out
  out=$(curl -s -o "$work/body.json" -w '%{http_code} %{time_total}' --max-time 60 "${url[$policy]}/$query")
  python3 -c '
import json, sys
state, policy, attempt, status, seconds, body = sys.argv[1:]
b = json.load(open(body))
print("\t".join([state, policy, attempt, status, "%.1f" % (float(seconds) * 1000), str(b.get("total", "-")),
                 str(b.get("partial", False)).lower(), ",".join(b.get("failed_shards", [])) or "-"]))
' "$state" "$policy" "$attempt" $out "$work/body.json"
}
ask_both() {
  for policy in partial unavailable; do
    ask "$1" "$policy" first
    ask "$1" "$policy" again
  done
}

echo "== issue 8: a faceted search while a shard stops ($n shards, timeout_ms $timeout_ms, $(basename "$shards_dir"))"
printf 'state\ton_failure\trequest\tstatus\tms\ttotal\tpartial\tfailed_shards\n'
for policy in partial unavailable; do ask "warm-up" "$policy" first > /dev/null; done
ask_both "all up"
kill -- "-${shard_pid[0]}"
sleep 1.1  # past the one-second memory of earlier failures
ask_both "shard-0 master killed (replica up)"
kill -STOP -- "-${shard_pid[1]}"
sleep 1.1
ask_both "and shard-1 hung (SIGSTOP)"
kill -CONT -- "-${shard_pid[1]}"
kill -- "-${shard_pid[1]}"
sleep 1.1
ask_both "and shard-1 killed"
