#!/bin/sh
# Python front-end conformance against KFP's own compiled test pipelines.
#
#   scripts/kfp_conformance.sh KFP_CHECKOUT [KFPC]
#
# KFP_CHECKOUT: a local kubeflow/pipelines checkout (or `git archive` of one).
# KFPC: the kfpc binary (default build/native/cli/kfpc).
#
# For every pipeline under test_data/sdk_compiled_pipelines/valid/ that has a
# .yaml twin (x.py + x.yaml), runs `kfpc compile --to ir x.py` and compares
# the result with x.yaml as data: YAML documents parsed, sdkVersion dropped,
# and the `kfp==<version>` pin in pip install commands normalised (KFP's
# goldens were written by several SDK versions). Prints one line per failure
# with the reason, then the count.
set -u
if [ $# -lt 1 ]; then
  echo "usage: $0 KFP_CHECKOUT [KFPC]" >&2
  exit 2
fi
root=$1
here=$(cd "$(dirname "$0")/.." && pwd)
kfpc=${2:-$here/build/native/cli/kfpc}
valid=$root/test_data/sdk_compiled_pipelines/valid
if [ ! -d "$valid" ]; then
  echo "$0: no $valid" >&2
  exit 2
fi
if [ ! -x "$kfpc" ]; then
  echo "$0: no kfpc at $kfpc (build first, or pass its path)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

total=0
pass=0
for py in $(find "$valid" -name '*.py' ! -name '__init__.py' | sort); do
  golden=${py%.py}.yaml
  [ -f "$golden" ] || continue
  total=$((total + 1))
  rel=${py#"$valid"/}
  out=$tmp/out.yaml
  if ! "$kfpc" compile --to ir "$py" -o "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
    reason=$(grep -m1 -E 'error' "$tmp/stderr" | sed "s|$valid/||")
    [ -n "$reason" ] || reason=$(head -n1 "$tmp/stderr")
    echo "FAIL $rel: not compiled: $reason"
    continue
  fi
  [ -s "$out" ] || cp "$tmp/stdout" "$out"
  if reason=$(python3 - "$out" "$golden" <<'EOF'
import re, sys, yaml

def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items() if k != 'sdkVersion'}
    if isinstance(x, list):
        return [norm(v) for v in x]
    if isinstance(x, str):
        return re.sub(r"kfp==[0-9][^' \"\n]*", 'kfp==VERSION', x)
    if isinstance(x, bool):
        return x
    if isinstance(x, (int, float)):
        return float(x)
    return x

def diff(a, b, path):
    if type(a) != type(b):
        return f'{path}: {str(a)[:120]!r} vs {str(b)[:120]!r}'
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a: return f'{path}/{k}: missing'
            if k not in b: return f'{path}/{k}: unexpected'
            d = diff(a[k], b[k], f'{path}/{k}')
            if d: return d
        return ''
    if isinstance(a, list):
        if len(a) != len(b): return f'{path}: {len(a)} items vs {len(b)}'
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f'{path}/{i}')
            if d: return d
        return ''
    return '' if a == b else f'{path}: {str(a)[:120]!r} vs {str(b)[:120]!r}'

ours = [norm(d) for d in yaml.safe_load_all(open(sys.argv[1]))]
theirs = [norm(d) for d in yaml.safe_load_all(open(sys.argv[2]))]
d = diff(ours, theirs, '')
print(d)
sys.exit(1 if d else 0)
EOF
  ); then
    pass=$((pass + 1))
  else
    echo "FAIL $rel: differs at $reason"
  fi
done
echo "$pass/$total pipelines compile to KFP's IR"
