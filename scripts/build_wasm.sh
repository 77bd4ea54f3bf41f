#!/usr/bin/env bash
# Builds the core as WebAssembly: build/wasm/wasm/kfp_core.mjs + kfp_core.wasm
# (an ES6 module factory, -sENVIRONMENT=web,worker; Node tests load it with
# {wasmBinary}). Fetches the third-party sources first (scripts/wasm_deps.sh).
# Usage: scripts/build_wasm.sh [build-dir]   (default build/wasm)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build/wasm}"
cd "$ROOT"
start=$(date +%s)

"$ROOT/scripts/wasm_deps.sh"

# Debian's emscripten needs its acorn from /usr/share/nodejs for every link at -O1+.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

# Optimisation is chosen per source in wasm/CMakeLists.txt (-O2 for the code
# every keystroke runs, -Oz for the rest: the page's transfer budget is 600 KB),
# because emcc honours only the first -O flag it sees: the release flags carry
# none. The link is at -O3 (wasm/CMakeLists.txt says why). A build dir
# configured otherwise is reconfigured.
OPT="-O3"
if [ ! -f "$BUILD/build.ninja" ] || ! grep -qx "CMAKE_CXX_FLAGS_RELEASE:STRING=-DNDEBUG" "$BUILD/CMakeCache.txt" \
   || ! grep -qx "KFP_WASM_OPT:STRING=$OPT" "$BUILD/CMakeCache.txt"; then
  emcmake cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-DNDEBUG" \
    -DKFP_WASM_OPT="$OPT" \
    -DKFP_WASM_DEPS="$ROOT/build/wasm-deps"
fi
# kfp_core: the whole core; kfp_core_lite: the same without the Python
# front-end, what the page loads first (wasm/CMakeLists.txt).
cmake --build "$BUILD" --target kfp_core kfp_core_lite -j"$(nproc)"

out="$BUILD/wasm"
for m in kfp_core kfp_core_lite; do
  raw=$(stat -c %s "$out/$m.wasm")
  gz=$(gzip -9 -c "$out/$m.wasm" | wc -c)
  js=$(stat -c %s "$out/$m.mjs")
  echo "$m.wasm: $raw bytes raw, $gz bytes gzip -9; $m.mjs: $js bytes"
done
echo "build_wasm: $(( $(date +%s) - start )) s -> $out/kfp_core.mjs, $out/kfp_core_lite.mjs"
