# Shell helpers of the benchmark scripts (sourced, from the repo root).

# Starts gazette-serve on a free loopback port over DB; sets SERVE_PID and
# SERVE_URL. The caller stops it with stop_serve (also from its EXIT trap).
start_serve() {
  local db=$1
  SERVE_LOG=$(mktemp)
  echo "# command: build/bin/gazette-serve --db $db --port 0 --quiet &"
  build/bin/gazette-serve --db "$db" --port 0 --quiet 2> "$SERVE_LOG" &
  SERVE_PID=$!
  for _ in $(seq 150); do grep -q "listening on" "$SERVE_LOG" && break; sleep 0.2; done
  SERVE_URL=$(grep -o 'http://[0-9.:]*' "$SERVE_LOG" | head -1)
  [[ -n $SERVE_URL ]] || { cat "$SERVE_LOG" >&2; stop_serve; return 1; }
}

stop_serve() {
  [[ -n ${SERVE_PID:-} ]] && kill "$SERVE_PID" 2> /dev/null && wait "$SERVE_PID" 2> /dev/null
  rm -f "${SERVE_LOG:-}"
  SERVE_PID=
  return 0
}

# The resident memory of a process in MB: now (VmRSS) and its peak (VmHWM).
rss_mb() { awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "rss_mb %d\npeak_rss_mb %d\n", r / 1024, h / 1024}' "/proc/$1/status"; }
