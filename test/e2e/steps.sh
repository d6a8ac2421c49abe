# Sourced by the scenario scripts: a log line, a clock, a timed step whose output is kept, and the
# stop of every process the scenario started.
# They need OUT (the scenario's folder), SCENARIO and the PIDS array set before they run.

log() { echo "[$(date -u +%H:%M:%S)] $SCENARIO: $*" | tee -a "$OUT/runner.log" >&2; }
now() { date +%s.%N; }
record() { awk -v n="$1" -v s="$2" -v e="$3" -v rc="$4" 'BEGIN { printf "%s\t%.2f\t%s\n", n, e - s, rc }' >> "$OUT/timings.tsv"; }

# step <name> <timeout_s> <cmd...>: run, keep output, record wall time and exit code
step() {
  local name=$1 limit=$2 s rc; shift 2
  s=$(now)
  # In the background and waited for, so a TERM to the script is handled at once.
  timeout --kill-after=10 "$limit" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" < /dev/null &
  PIDS+=($!)
  wait $!
  rc=$?
  record "$name" "$s" "$(now)" "$rc"
  log "$name exit $rc"
}

# stop_pids: TERM every process in PIDS, give them 10 s to go, then KILL what is left
stop_pids() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq 1 40); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.25
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
}
