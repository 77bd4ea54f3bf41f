#!/usr/bin/env bash
# Serves the built playground (web/dist) on http://127.0.0.1:8080.
#   scripts/serve.sh [PORT]     (env HOST overrides 127.0.0.1)
# Build it first: (cd web && npm install && node build.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-${PORT:-8080}}"
HOST="${HOST:-127.0.0.1}"
if [ ! -f web/dist/index.html ]; then
  echo "serve.sh: web/dist/index.html is missing; build the page first: (cd web && npm install && node build.mjs)" >&2
  exit 1
fi
echo "KFP Playground on http://$HOST:$PORT/"
# python's http.server sends .wasm as application/wasm and .mjs as text/javascript.
exec python3 -m http.server "$PORT" --bind "$HOST" --directory web/dist
