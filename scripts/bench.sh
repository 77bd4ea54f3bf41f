#!/usr/bin/env bash
# Benchmarks (figures, not tests) over generated pipelines (chains, fan-out/
# fan-in, random DAGs with artifacts) of 100, 1,000 and 10,000 tasks:
#   native     Google Benchmark (kfp_bench, build/bench, -O2) + peak RSS per case
#   wasm       the same cases through the wasm module in Node (build/wasm)
#   page       analysis + layout + render of 100 / 1,000 / 5,000 tasks in Chromium
# Writes bench/results/{native.json,memory.jsonl,wasm.jsonl,page.jsonl,
# transfer.json,latest.json,latest.md} and prints the table (README "Performance").
#   scripts/setup.sh && scripts/bench.sh      (setup builds the wasm module and the page)
#   BENCH_QUICK=1 scripts/bench.sh            shorter runs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=1
B=${BENCH_BUILD:-build/bench}  # any RelWithDebInfo build dir (build/native is one)
out=bench/results
inputs=build/bench-inputs
mkdir -p "$out"
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

[ -f $B/build.ninja ] || cmake -S . -B $B -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build $B -j"$(nproc)" --target kfp_bench >/dev/null
rm -rf "$inputs" && $B/bench/kfp_bench --write-inputs "$inputs"

log "native (Google Benchmark)"
min_time=${BENCH_QUICK:+0.2}  # seconds a repetition; 0.05 left 1-3 runs of a 1,000-task case, cold each time
# Repetitions: the table shows each case's median (bench/tabulate.py). They
# are interleaved at random across the cases: on a shared machine the slow
# spells last seconds, and back-to-back repetitions all fell in the same one
# (a 1,000-task case measured 46-48 ms three times in a row, 28-32 ms alone).
reps=5
$B/bench/kfp_bench --benchmark_format=json --benchmark_min_time="${min_time:-0.5}" \
  --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true >"$out/native.json"
log "native peak memory and steady-state page faults (one process per case)"
: >"$out/memory.jsonl"
for shape in chain fan random; do
  for n in 100 1000 10000; do
    for stage in load validate compile_ir compile_argo; do
      $B/bench/kfp_bench --memory $shape $n $stage >>"$out/memory.jsonl"
    done
  done
done

if [ -f build/wasm/wasm/kfp_core.wasm ]; then
  log "wasm in Node"
  node bench/bench_wasm.mjs "$inputs" build/wasm/wasm >"$out/wasm.jsonl"
else
  log "no build/wasm/wasm/kfp_core.wasm (scripts/build_wasm.sh): wasm figures skipped"; : >"$out/wasm.jsonl"
fi

if [ -f web/dist/index.html ] && [ -d e2e/node_modules/@playwright/test ]; then
  log "page in Chromium (Playwright)"
  (cd e2e && BENCH_INPUTS="$ROOT/$inputs" BENCH_OUT="$ROOT/$out/page.jsonl" \
     npx playwright test -c playwright.bench.config.js >"$ROOT/$out/page.log" 2>&1) \
    || { log "page benchmark failed: $out/page.log"; tail -20 "$out/page.log" >&2; }
  # What a first visit downloads (gzip -9), as web/build.mjs measured it.
  cp web/dist/transfer.json "$out/transfer.json"
else
  log "no web/dist or e2e/node_modules (scripts/setup.sh): page figures skipped"; rm -f "$out/page.jsonl" "$out/transfer.json"
fi

python3 bench/tabulate.py "$out" | tee "$out/latest.md"
