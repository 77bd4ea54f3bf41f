#!/usr/bin/env bash
# Builds the playground page (web/dist) and runs its tests: the web unit tests
# (node --test) and the Playwright suite (e2e/) against Debian's Chromium.
#
# Needs, already built:  the native CLI  (KFPC, default build/native/cli/kfpc)
#                        the wasm core   (KFP_WASM_DIR, default build/wasm/wasm: kfp_core.mjs + .wasm)
# Extra arguments go to `playwright test` (e.g. -g "share link").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export KFPC="${KFPC:-build/native/cli/kfpc}"
export KFP_WASM_DIR="${KFP_WASM_DIR:-$ROOT/build/wasm/wasm}"

fail() { echo "test_web.sh: $*" >&2; exit 1; }

[ -x "$KFPC" ] || fail "native CLI not found at $KFPC — build it first: cmake --preset native && cmake --build build/native (or set KFPC)"
for f in kfp_core.mjs kfp_core.wasm kfp_core_lite.mjs kfp_core_lite.wasm; do
  [ -f "$KFP_WASM_DIR/$f" ] || fail "wasm core not found: $KFP_WASM_DIR/$f — build it first: scripts/build_wasm.sh (or set KFP_WASM_DIR)"
done
command -v node >/dev/null || fail "node is not installed"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "Chromium not found at $CHROMIUM — apt-get install --no-install-recommends chromium"
export CHROMIUM

# npm install only when package.json changed since the last install.
install() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm install --no-audit --no-fund)
  fi
}
install web
install e2e

echo "== web unit tests"
(cd web && node --test test/)
echo "== build web/dist"
(cd web && node build.mjs --require-wasm --strict-budget)  # fails over the 600 KB budget
echo "== playwright"
rm -rf e2e/screenshots
cd e2e
npx playwright test "$@"
echo "screenshots: e2e/screenshots/"
