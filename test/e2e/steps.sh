# Sourced by the scenario scripts: a log line, a clock, and a timed step whose output is kept.
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
