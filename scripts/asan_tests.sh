#!/usr/bin/env bash
# The whole GoogleTest suite built with AddressSanitizer + UBSan (clang, the
# asan preset: build/asan, which also holds the libFuzzer targets) and run by
# ctest. Any sanitizer report fails the test that triggered it.
#   scripts/asan_tests.sh            build + every test
#   scripts/asan_tests.sh -R Hostile only the tests matching (ctest -R)
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
B=build/asan
[ -f $B/build.ninja ] || cmake --preset asan >/dev/null
cmake --build $B -j"$(nproc)" --target kfp_tests kfpc
# halt_on_error: the first report ends the test process, so the test fails.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir $B --output-on-failure -j"$(nproc)" --timeout 900 "$@"
