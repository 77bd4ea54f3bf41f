#!/usr/bin/env bash
# Benchmarks (not tests): native (Google Benchmark + peak memory per case) and
# the wasm module in Node, over generated pipelines of 100, 1,000 and 10,000
# tasks. Writes bench/results/latest.json and latest.md and prints the table.
#   scripts/bench.sh            (builds what is missing first)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh wasm >/dev/null
B=build/native/bench
out=bench/results
mkdir -p "$out"
inputs=build/bench-inputs
rm -rf "$inputs" && $B/kfp_bench --write-inputs "$inputs"

$B/kfp_bench --benchmark_format=json --benchmark_min_time=0.2 >"$out/native.json"
: >"$out/memory.jsonl"
for shape in chain fan random; do
  for n in 100 1000 10000; do
    for stage in validate compile_ir compile_argo; do
      $B/kfp_bench --memory $shape $n $stage >>"$out/memory.jsonl" || true
    done
  done
done
if [ -f build/wasm/wasm/kfp_core.wasm ]; then
  node bench/bench_wasm.mjs "$inputs" build/wasm/wasm >"$out/wasm.jsonl"
else
  : >"$out/wasm.jsonl"
fi
python3 bench/tabulate.py "$out" | tee "$out/latest.md"
