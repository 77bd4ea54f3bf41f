#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for a while.
#   scripts/fuzz.sh                 15 s per target (what CI runs)
#   FUZZ_SECONDS=600 scripts/fuzz.sh   the longer run
#   scripts/fuzz.sh ir v1_graph     only these targets
# Seeds: the project's fixtures and samples, plus ../shared/corpus when present.
# A crash leaves crash-* in build/fuzz/artifacts/; turn it into a regression
# test under tests/data/hostile/ (tests/hostile_test.cpp runs every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${FUZZ_SECONDS:-15}
B=build/fuzz
command -v clang++ >/dev/null || { apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null; }
if [ ! -f $B/build.ninja ]; then
  cmake -S . -B $B -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DKFP_FUZZ=ON >/dev/null
fi
cmake --build $B -j"$(nproc)"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml v1_component v1_graph ir argo compile_ir compile_argo python)
mkdir -p $B/artifacts
status=0
for t in "${targets[@]}"; do
  seeds=$B/seeds/$t
  if [ ! -d "$seeds" ]; then
    mkdir -p "$seeds"
    case $t in
      python) find tests/data ../shared/corpus/graph-pipelines -name '*.py' 2>/dev/null | head -200 | xargs -r cp -t "$seeds" ;;
      argo) find tests/data ../shared/corpus/argo-v1-sdk -name '*.yaml' 2>/dev/null | head -200 | xargs -r cp -t "$seeds" ;;
      ir) find tests/data ../shared/corpus/ir -name '*.yaml' 2>/dev/null | head -200 | xargs -r cp -t "$seeds" ;;
      *) find tests/data samples ../shared/corpus/v1-components ../shared/corpus/graph-pipelines -name '*.yaml' 2>/dev/null \
           | grep -v kfp-ir | head -300 | xargs -r cp -t "$seeds" ;;
    esac
  fi
  echo "== fuzz_$t for ${SECONDS_PER}s"
  if ! $B/fuzz/fuzz_$t -max_total_time="$SECONDS_PER" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix=$B/artifacts/ -print_final_stats=0 "$seeds" >$B/fuzz_$t.log 2>&1; then
    echo "FAILED: fuzz_$t (see $B/fuzz_$t.log and $B/artifacts/)"; tail -30 $B/fuzz_$t.log; status=1
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" $B/fuzz_$t.log | tail -1 || true
  fi
done
exit $status
