#!/usr/bin/env bash
# Installs what is missing and builds. Idempotent: quick when everything is there.
#   scripts/setup.sh            native + wasm + web
#   scripts/setup.sh native     only the native build (kfpc, tests)
# Works on a fresh Debian bookworm machine as root (CI and developers alike).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
what=${1:-all}
# ccache keyed on paths relative to the checkout, so that a fresh clone in
# another folder (CI) reuses what an earlier build compiled.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# --- Debian packages ----------------------------------------------------------
APT_NATIVE=(cmake ninja-build g++ pkg-config libyaml-cpp-dev nlohmann-json3-dev libgtest-dev googletest
            libgmock-dev libcurl4-openssl-dev ccache python3)
# Hardening and speed (docs/hardening.md): clang + its sanitizer/libFuzzer
# runtimes for the asan preset, Google Benchmark for bench/.
APT_NATIVE+=(clang libclang-rt-14-dev libbenchmark-dev)
APT_WASM=(emscripten dpkg-dev)
APT_WEB=(chromium nodejs)
want=("${APT_NATIVE[@]}")
case "$what" in
  all|web) want+=("${APT_WASM[@]}" "${APT_WEB[@]}") ;;
  wasm) want+=("${APT_WASM[@]}") ;;
esac
missing=()
for p in "${want[@]}"; do
  # nodejs may come from NodeSource rather than Debian: a working node is enough.
  if [ "$p" = nodejs ] && command -v node >/dev/null && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "setup: need root to install: ${missing[*]}" >&2; exit 1; }
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- native build ---------------------------------------------------------------
log "native build (build/native)"
if [ ! -f build/native/build.ninja ]; then
  cmake --preset native >/dev/null
fi
cmake --build build/native -j"$(nproc)"

[ "$what" = native ] && exit 0

# --- wasm build -------------------------------------------------------------------
if [ -x scripts/build_wasm.sh ]; then
  log "wasm build (build/wasm)"
  scripts/build_wasm.sh
fi
[ "$what" = wasm ] && exit 0

# --- web bundle -------------------------------------------------------------------
if [ -f web/package.json ]; then
  log "web bundle (web/dist)"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  # npm install only when package.json changed since the last install.
  for d in web e2e; do
    [ -f "$d/package.json" ] || continue
    if [ ! -f "$d/node_modules/.package-lock.json" ] || [ "$d/package.json" -nt "$d/node_modules/.package-lock.json" ]; then
      (cd "$d" && npm install --no-audit --no-fund --loglevel=error)
    fi
  done
  (cd web && node build.mjs --require-wasm)
fi
