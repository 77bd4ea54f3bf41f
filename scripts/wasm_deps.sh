#!/usr/bin/env bash
# Makes the third-party sources of the wasm build available under
# build/wasm-deps (KFP_WASM_DEPS in the top-level CMakeLists.txt):
#   build/wasm-deps/yaml-cpp          Debian's yaml-cpp 0.7.0 source package, unpacked
#   build/wasm-deps/nlohmann-include  a copy of the system nlohmann/ headers
# (emcc must never see /usr/include, so the headers are copied, not included in place.)
# Idempotent and quick when already done: every step checks its result first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="${KFP_WASM_DEPS:-$ROOT/build/wasm-deps}"
YAML_VERSION="0.7.0+dfsg-8"
mkdir -p "$DEPS"

# --- nlohmann headers ---------------------------------------------------------
NL_SRC=/usr/include/nlohmann
if [ ! -f "$DEPS/nlohmann-include/nlohmann/json.hpp" ]; then
  if [ ! -f "$NL_SRC/json.hpp" ]; then
    echo "wasm_deps: $NL_SRC/json.hpp missing; install nlohmann-json3-dev" >&2
    exit 1
  fi
  mkdir -p "$DEPS/nlohmann-include"
  cp -r "$NL_SRC" "$DEPS/nlohmann-include/"
  echo "wasm_deps: copied nlohmann headers"
fi

# --- yaml-cpp source ------------------------------------------------------------
if [ -f "$DEPS/yaml-cpp/CMakeLists.txt" ]; then
  exit 0
fi

# A deb-src entry mirroring the existing deb entry for bookworm main (same URI,
# suites and keyring), so apt-get source can fetch the exact Debian version.
SRC_LIST=/etc/apt/sources.list.d/kfp-wasm-deb-src.sources
if [ ! -f "$SRC_LIST" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "wasm_deps: need root to add $SRC_LIST" >&2
    exit 1
  fi
  URI="http://deb.debian.org/debian"
  SUITES="bookworm bookworm-updates"
  KEYRING="/usr/share/keyrings/debian-archive-keyring.gpg"
  # Copy URI/suites/keyring from the first deb822 entry that carries bookworm main.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    entry="$(awk 'BEGIN{RS=""} /Types: deb/ && /Suites: bookworm( |$)/ {print; exit}' /etc/apt/sources.list.d/debian.sources)"
    u="$(printf '%s\n' "$entry" | sed -n 's/^URIs: *//p' | head -1)"
    s="$(printf '%s\n' "$entry" | sed -n 's/^Suites: *//p' | head -1)"
    k="$(printf '%s\n' "$entry" | sed -n 's/^Signed-By: *//p' | head -1)"
    [ -n "$u" ] && URI="$u"
    [ -n "$s" ] && SUITES="$s"
    [ -n "$k" ] && KEYRING="$k"
  fi
  cat >"$SRC_LIST" <<EOF
# Added by kfp-playground scripts/wasm_deps.sh: yaml-cpp source for the wasm build.
Types: deb-src
URIs: $URI
Suites: $SUITES
Components: main
Signed-By: $KEYRING
EOF
  echo "wasm_deps: added $SRC_LIST"
fi

DL="$DEPS/download"
mkdir -p "$DL"
if ! ls "$DL"/yaml-cpp_*.dsc >/dev/null 2>&1; then
  # Only refresh the index when apt does not know the source package yet.
  if ! apt-cache showsrc "yaml-cpp=$YAML_VERSION" 2>/dev/null | grep -q "^Version: $YAML_VERSION"; then
    apt-get update -qq
  fi
  (cd "$DL" && apt-get source --download-only -qq "yaml-cpp=$YAML_VERSION")
fi
# Unpack inside the download folder (dpkg-source leaves the orig tarball beside
# its target), then move the tree into place in one step.
rm -rf "$DL/yaml-cpp.tmp"
(cd "$DL" && dpkg-source --no-check -x "yaml-cpp_${YAML_VERSION#*:}.dsc" yaml-cpp.tmp >/dev/null)
rm -rf "$DEPS/yaml-cpp"
mv "$DL/yaml-cpp.tmp" "$DEPS/yaml-cpp"
echo "wasm_deps: yaml-cpp $YAML_VERSION unpacked into $DEPS/yaml-cpp"
