#!/usr/bin/env python3
"""Turns the benchmark outputs in DIR (native.json, memory.jsonl, wasm.jsonl)
into the Markdown table the README shows, with the fitted growth exponent
(least squares of log(time) on log(tasks)) per stage and shape."""
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

d = Path(sys.argv[1])
native = defaultdict(dict)  # (stage, shape) -> {n: ms}
doc = json.loads((d / "native.json").read_text())
for b in doc.get("benchmarks", []):
    parts = b["name"].split("/")
    if len(parts) != 3 or not parts[2].isdigit() or b.get("run_type") == "aggregate":
        continue
    ms = b["real_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[b.get("time_unit", "ns")]
    native[(parts[0], parts[1])][int(parts[2])] = ms

mem = {}
for line in (d / "memory.jsonl").read_text().splitlines():
    m = json.loads(line)
    mem[(m["stage"], m["shape"], int(m["tasks"]))] = m["peak_rss_kib"] / 1024

wasm = defaultdict(dict)
keystroke = None
p = d / "wasm.jsonl"
for line in (p.read_text().splitlines() if p.exists() else []):
    w = json.loads(line)
    if w["stage"] == "keystroke":
        keystroke = w["ms"]
    else:
        wasm[(w["stage"], w["shape"])][int(w["tasks"])] = w["ms"]


def slope(points):
    pts = [(math.log(n), math.log(max(ms, 1e-6))) for n, ms in sorted(points.items())]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


print("| stage | shape | tasks | native ms | peak RSS MiB | wasm (Node) ms | wasm/native |")
print("|---|---|---:|---:|---:|---:|---:|")
for (stage, shape), pts in sorted(native.items()):
    for n, ms in sorted(pts.items()):
        w = wasm.get((stage, shape), {}).get(n)
        ratio = f"{w / ms:.2f}" if w and ms > 0 else ""
        rss = mem.get((stage, shape, n))
        print(f"| {stage} | {shape} | {n:,} | {ms:.2f} | {rss:.0f} | {w:.2f} | {ratio} |" if w else
              f"| {stage} | {shape} | {n:,} | {ms:.2f} | {rss if rss is None else f'{rss:.0f}'} |  |  |")
print()
print("| stage | shape | fitted exponent (native) | fitted exponent (wasm) |")
print("|---|---|---:|---:|")
for (stage, shape), pts in sorted(native.items()):
    print(f"| {stage} | {shape} | {slope(pts):.2f} | {slope(wasm.get((stage, shape), {})):.2f} |")
if keystroke is not None:
    print()
    print(f"Validate-as-you-type (one analyze() of a 200-task pipeline, wasm in Node): {keystroke:.2f} ms")
