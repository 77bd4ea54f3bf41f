#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan: the asan preset, shared with
# scripts/asan_tests.sh) and runs each for a while. Exits non-zero when a
# target finds a crash, a leak, undefined behaviour or a hang (> 10 s).
#   scripts/fuzz.sh                       20 s per target (what CI runs)
#   FUZZ_SECONDS=600 scripts/fuzz.sh      the longer run (docs/hardening.md)
#   FUZZ_SEED=N                           another libFuzzer seed (CI keeps 1, so a run is repeatable)
#   scripts/fuzz.sh ir v1_graph           only these targets
# Seeds: the project's fixtures and samples, ../shared/corpus when present, and
# every input that ever crashed (tests/data/fuzz/<target>/). A crash leaves
# crash-*/leak-*/timeout-* in build/asan/fuzz-artifacts/; fix it, then copy it
# to tests/data/fuzz/<target>/ (tests/fuzz_regressions_test.cpp replays them).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
SECONDS_PER=${FUZZ_SECONDS:-20}
B=build/asan
all=(yaml yaml_fast files_json v1_component v1_graph ir argo compile_ir compile_argo python)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

[ -f $B/build.ninja ] || cmake --preset asan >/dev/null
cmake --build $B -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seeds, gathered once per build folder (the fuzzer adds what it finds).
seed_files() {  # target -> file list on stdout
  local corpus=../shared/corpus
  case $1 in
    files_json) find tests/data/files_json -type f 2>/dev/null ;;
    python) find tests/data samples "$corpus/graph-pipelines" -name '*.py' 2>/dev/null ;;
    argo) find tests/data/argo "$corpus/argo-v1-sdk" "$corpus/argo-kfp-backend" -name '*.yaml' 2>/dev/null ;;
    ir|compile_argo) find tests/data/ir tests/data/emit samples "$corpus/ir" -name '*.yaml' 2>/dev/null ;;
    *) find tests/data samples "$corpus/v1-components" "$corpus/graph-pipelines" -name '*.yaml' 2>/dev/null ;;
  esac | sort | head -400 || true  # head closing the pipe early is not a failure (pipefail)
  find "tests/data/fuzz/$1" -type f 2>/dev/null || true
}
mkdir -p $B/fuzz-artifacts
status=0
for t in "${targets[@]}"; do
  seeds=$B/fuzz-seeds/$t
  if [ ! -d "$seeds" ]; then
    mkdir -p "$seeds"
    # Content-named copies: files from different folders never collide.
    seed_files "$t" | while read -r f; do cp "$f" "$seeds/$(sha1sum <"$f" | cut -c1-16)"; done
  fi
  log=$B/fuzz-$t.log
  printf '== fuzz_%s %ss, %s seeds: ' "$t" "$SECONDS_PER" "$(ls "$seeds" | wc -l)"
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
     $B/fuzz/fuzz_$t -max_total_time="$SECONDS_PER" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
       -max_len=65536 -dict=fuzz/kfp.dict -artifact_prefix=$B/fuzz-artifacts/$t- -print_final_stats=1 \
       "$seeds" >"$log" 2>&1; then
    # "stat::number_of_executed_units: N" -> N executions
    echo "ok, $(awk '/stat::number_of_executed_units/ {print $2}' "$log") runs, $(ls "$seeds" | wc -l) in corpus"
  else
    echo "FAILED (see $log and $B/fuzz-artifacts/)"; grep -E "ERROR|SUMMARY|runtime error" "$log" | head -5; status=1
  fi
done
exit $status
