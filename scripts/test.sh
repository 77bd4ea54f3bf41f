#!/usr/bin/env bash
# All set-up (installs, builds) and every test: GoogleTest (ctest), the wasm
# module in Node, and the page in Chromium (Playwright). Exits non-zero on any
# failure. Used by .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh all || { echo "setup failed" >&2; exit 1; }

status=0
passed=0
failed=0
suite() {  # name, command...
  local name=$1; shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; echo "FAILED: $name" >&2; fi
}

suite "native tests (ctest)" ctest --test-dir build/native --output-on-failure -j"$(nproc)"
if [ -d tests/wasm ] && ls tests/wasm/*.test.mjs >/dev/null 2>&1; then
  suite "wasm module in Node" env KFPC="$PWD/build/native/cli/kfpc" node --test tests/wasm/
fi
suite "kfpc submit against the mock KFP API (Node)" env KFPC="$PWD/build/native/cli/kfpc" node --test tests/submit/
if [ -x scripts/test_web.sh ]; then
  suite "page in Chromium (Playwright)" scripts/test_web.sh
fi

# Hardening (docs/hardening.md): the whole suite again under ASan+UBSan (clang,
# build/asan), then each libFuzzer target for FUZZ_SECONDS (20 s) from the
# fixtures; a crash, leak, UB report or hang fails the run.
suite "native tests under ASan+UBSan (ctest, clang)" scripts/asan_tests.sh
suite "fuzzing (libFuzzer, ${FUZZ_SECONDS:-20} s per target)" scripts/fuzz.sh

echo
echo "suites: $passed passed, $failed failed"
exit $status
