# Shell helpers of the benchmark scripts (sourced, from the repo root).

# The address a gazette-serve started with --port 0 prints on stderr (into
# LOG) once it listens; empty when it has not after 30 s.
listening_url() {
  for _ in $(seq 150); do grep -qs "listening on" "$1" && break; sleep 0.2; done
  grep -so 'http://[0-9.:]*' "$1" | head -1
}

# A loopback port nobody listens on now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts gazette-serve (or SERVE_BIN, a server with its --db and --port:
# gazette-floor-serve) on a free loopback port over DB; sets SERVE_PID and
# SERVE_URL. The caller stops it with stop_serve (also from its EXIT trap).
start_serve() {
  local db=$1 bin=${SERVE_BIN:-build/bin/gazette-serve}
  shift
  if [[ ${bin##*/} == gazette-serve ]]; then set -- --quiet "$@"; fi
  SERVE_LOG=$(mktemp)
  echo "# command: $bin --db $db --port 0 $* &"
  "$bin" --db "$db" --port 0 "$@" 2> "$SERVE_LOG" &
  SERVE_PID=$!
  SERVE_URL=$(listening_url "$SERVE_LOG")
  [[ -n $SERVE_URL ]] || { cat "$SERVE_LOG" >&2; stop_serve; return 1; }
}

stop_serve() {
  # The status of a server ended by our kill is not a failure (143 for one
  # without a SIGTERM handler, as gazette-floor-serve): under set -e the
  # last command of this list would end the caller with it.
  [[ -n ${SERVE_PID:-} ]] && kill "$SERVE_PID" 2> /dev/null && { wait "$SERVE_PID" 2> /dev/null || true; }
  rm -f "${SERVE_LOG:-}"
  SERVE_PID=
  return 0
}

# The CPU time a process has used so far, in seconds (user + system).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }

# The resident memory of a process in MB: now (VmRSS) and its peak (VmHWM).
rss_mb() { awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "rss_mb %d\npeak_rss_mb %d\n", r / 1024, h / 1024}' "/proc/$1/status"; }
