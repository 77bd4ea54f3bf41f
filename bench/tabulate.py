#!/usr/bin/env python3
"""Turns the benchmark outputs in DIR into the Markdown the README shows
(stdout) and DIR/latest.json. Inputs, each optional except native.json:
  native.json   Google Benchmark JSON (kfp_bench)
  memory.jsonl  peak RSS and steady-state page faults per case (kfp_bench --memory)
  wasm.jsonl    the wasm module in Node, times and heap peaks (bench/bench_wasm.mjs)
  page.jsonl    the page in Chromium, times and the drawing's heap (e2e/bench/page.bench.js)
  transfer.json bytes the page downloads (scripts/bench.sh)
Growth: the fitted exponent k of time ~ tasks^k (least squares of log time on
log tasks); k = 1 is linear."""
import json
import math
import sys
from statistics import median
from collections import defaultdict
from pathlib import Path

d = Path(sys.argv[1])


def jsonl(name):
    p = d / name
    return [json.loads(l) for l in p.read_text().splitlines() if l.strip()] if p.exists() else []


# Each case's median over its repetitions (scripts/bench.sh asks for several):
# a shared 2-core machine makes single runs vary by a quarter or more, and
# the wasm figures are medians too.
runs = defaultdict(list)  # benchmark name -> ms per repetition
for b in json.loads((d / "native.json").read_text()).get("benchmarks", []):
    parts = b["name"].split("/")
    if len(parts) < 3 or not parts[2].isdigit() or b.get("run_type") == "aggregate":
        continue
    # CPU time of the benchmark thread: equal to wall time on an idle machine,
    # and still meaningful on a loaded one (where wall time is not).
    runs[b["name"]].append(b["cpu_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[b.get("time_unit", "ns")])
native = defaultdict(dict)  # (stage, shape) -> {n: ms}
fastest = defaultdict(dict)  # the same, the fastest repetition: the cost when the shared machine left it alone
keystroke = {}
for name, times in runs.items():
    parts, ms = name.split("/"), median(times)
    if parts[0] == "keystroke":
        keystroke["native"] = ms
    else:
        native[(parts[0], parts[1])][int(parts[2])] = ms
        fastest[(parts[0], parts[1])][int(parts[2])] = min(times)

mem = {(m["stage"], m["shape"], int(m["tasks"])): m["peak_rss_kib"] / 1024 for m in jsonl("memory.jsonl")}
# Minor page faults of one call in steady state (older result files lack it).
faults = {(m["stage"], m["shape"], int(m["tasks"])): m.get("faults_per_call") for m in jsonl("memory.jsonl")}
# wasm: kfp_core ("full"); lite: kfp_core_lite, on the cases the page answers with it (bench_wasm.mjs).
# *_min: the fastest run (older result files lack it).
wasm, wasm_min = defaultdict(dict), defaultdict(dict)
lite, lite_min = defaultdict(dict), defaultdict(dict)
wasm_mem = {}  # (stage, shape, n) -> MiB: kfp_core's heap peak for one call (heapPeakBytes())
for w in jsonl("wasm.jsonl"):
    if w["stage"].endswith("_memory"):
        if w.get("module") != "lite":
            wasm_mem[(w["stage"][: -len("_memory")], w["shape"], int(w["tasks"]))] = w["peak_mib"]
        continue
    if w["stage"] == "keystroke":
        keystroke["wasm"] = w["ms"]
        keystroke["wasm_module"] = w.get("module", "full")
        continue
    is_lite = w.get("module") == "lite"
    key, n = (w["stage"], w["shape"]), int(w["tasks"])
    (lite if is_lite else wasm)[key][n] = w["ms"]
    if "min_ms" in w:
        (lite_min if is_lite else wasm_min)[key][n] = w["min_ms"]
page = defaultdict(dict)
page_heap = {}  # (shape, n) -> MiB of JS heap the drawing added (e2e/bench/page.bench.js)
for p in jsonl("page.jsonl"):
    page[(p["stage"], p["shape"])][int(p["tasks"])] = p["ms"]
    if "heap_mib" in p:
        page_heap[(p["shape"], int(p["tasks"]))] = p["heap_mib"]
transfer = json.loads((d / "transfer.json").read_text()) if (d / "transfer.json").exists() else None


def slope(points):
    pts = [(math.log(n), math.log(max(ms, 1e-6))) for n, ms in sorted(points.items())]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def f(x, fmt="{:.2f}"):
    return "" if x is None else fmt.format(x)


STAGES = ["load", "validate", "compile_ir", "compile_argo"]
order = lambda k: (STAGES.index(k[0]) if k[0] in STAGES else 99, k[1])
out = []
out.append("| stage | shape | tasks | native ms (CPU) | peak RSS MiB | page faults / call | wasm (Node) ms "
           "| wasm/native | wasm peak heap MiB | lite wasm ms | lite/native | page (Chromium) ms |")
out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
ratio = lambda w, ms: w / ms if w and ms > 0 else None
for key in sorted(native, key=order):
    stage, shape = key
    for n, ms in sorted(native[key].items()):
        w = wasm.get(key, {}).get(n)
        lw = lite.get(key, {}).get(n)
        out.append(f"| {stage} | {shape} | {n:,} | {ms:.2f} | {f(mem.get((stage, shape, n)), '{:.0f}')} | "
                   f"{f(faults.get((stage, shape, n)), '{:,}')} | {f(w)} | {f(ratio(w, ms))} | "
                   f"{f(wasm_mem.get((stage, shape, n)), '{:.1f}')} | {f(lw)} | {f(ratio(lw, ms))} | "
                   f"{f(page.get(key, {}).get(n))} |")
out.append("")
out.append("wasm: kfp_core, the build compiled for speed that the page moves to for large inputs, Python, Argo "
           "files, exports and submits; lite: kfp_core_lite, the first visit's build, which analyzes inputs of up to "
           "64 K characters (web/src/util/core_choice.js), measured on those (it does not compile). Peak RSS: the "
           "process's (kfp_bench --memory: one process per case, start-up included); wasm peak heap: what one call "
           "added to kfp_core's heap high-water mark in a fresh instance (heapPeakBytes(), docs/wasm-api.md). Page: "
           "the same call through the page's core worker in Chromium (the build the page uses for the input, the "
           "worker round trip and the result's parse included).")
out.append("")
out.append("Fitted exponent k of time ∝ tasks^k over 100 → 10,000 tasks (1 = linear):")
out.append("")
out.append("| stage | shape | native | wasm (Node) |")
out.append("|---|---|---:|---:|")
for key in sorted(native, key=order):
    out.append(f"| {key[0]} | {key[1]} | {f(slope(native[key]))} | {f(slope(wasm.get(key, {})))} |")
if page:
    out.append("")
    out.append("In Chromium (the page: analysis in the core's worker, then layout + SVG render through DagView):")
    out.append("")
    out.append("| shape | tasks | analyze in page ms | layout + render ms | JS heap of the drawing MiB |")
    out.append("|---|---:|---:|---:|---:|")
    shapes = sorted({s for (_, s) in page})
    for shape in shapes:
        for n in sorted(page.get(("layout_render", shape), {})):
            out.append(f"| {shape} | {n:,} | {f(page.get(('page_validate', shape), {}).get(n))} | "
                       f"{f(page[('layout_render', shape)][n])} | {f(page_heap.get((shape, n)), '{:.1f}')} |")
    out.append("")
    out.append("JS heap of the drawing: the main thread's heap in use right after one layout + render, less the "
               "heap after a full collection just before it (Chrome DevTools Protocol); V8 may collect young "
               "garbage while it draws, so a floor for the drawing's peak.")
    out.append("")
    out.append("| layout + render exponent | " + " | ".join(
        f"{s}: {f(slope(page.get(('layout_render', s), {})))}" for s in shapes) + " |")
    out.append("|---|" + "---|" * len(shapes))

# The targets, measured (not asserted).
out.append("")
out.append("| target | measured | met |")
out.append("|---|---|---|")
def target(name, value, limit, unit="ms"):
    if value is None:
        out.append(f"| {name} | not measured | |")
    else:
        out.append(f"| {name} | {value:.2f} {unit} | {'yes' if value < limit else 'no'} |")
worst = lambda stage, n, src: max((v.get(n) for (s, _), v in src.items() if s == stage and v.get(n) is not None), default=None)
target("1,000 tasks load + validate + compile IR, native (< 20 ms; worst shape)", worst("compile_ir", 1000, native), 20)
target("1,000 tasks load + validate + compile Argo, native (< 20 ms; worst shape)", worst("compile_argo", 1000, native), 20)
target("the same, IR, fastest repetition of each shape (worst shape)", worst("compile_ir", 1000, fastest), 20)
target("the same, Argo, fastest repetition of each shape (worst shape)", worst("compile_argo", 1000, fastest), 20)
def worst_ratio(src, base):
    ratios = [src[k][n] / base[k][n] for k in src for n in src[k] if base.get(k, {}).get(n)]
    return max(ratios) if ratios else None
# What the page runs: lite where it answers (small inputs, analyses), kfp_core elsewhere.
page_module = lambda full, small: {k: {n: small.get(k, {}).get(n, ms) for n, ms in v.items()} for k, v in full.items()}
target("wasm / native, worst case, kfp_core (< 2×; medians)", worst_ratio(wasm, native), 2, "×")
target("the same, fastest run against fastest repetition", worst_ratio(wasm_min, fastest), 2, "×")
target("wasm / native, worst case, the build the page uses for each input (< 2×; medians)",
       worst_ratio(page_module(wasm, lite), native), 2, "×")
target("the same, fastest run against fastest repetition", worst_ratio(page_module(wasm_min, lite_min), fastest), 2, "×")
target("validate-as-you-type, 200 tasks, native (< 16 ms)", keystroke.get("native"), 16)
target(f"validate-as-you-type, 200 tasks, wasm in Node ({keystroke.get('wasm_module', 'full')}; < 16 ms)",
       keystroke.get("wasm"), 16)
target("layout + render 5,000 tasks in Chromium (< 1,000 ms; worst shape)", worst("layout_render", 5000, page), 1000)
if transfer:
    target("page transfer, first visit, worst page (< 600 KB gzip)", max(transfer['editor'], transfer['embed']) / 1e3, 600, "KB")
exps = [slope(v) for v in native.values()] + [slope(v) for v in wasm.values()]
exps = [e for e in exps if e is not None]
target("growth exponent, worst stage/shape, native + wasm (≈ 1)", max(exps) if exps else None, 1.15, "")
if transfer:
    out.append("")
    out.append(f"Page transfer on a first visit (gzip -9, web/build.mjs): editor page {transfer['editor'] / 1e3:.0f} KB, "
               f"embed page {transfer['embed'] / 1e3:.0f} KB (budget {transfer['budget'] / 1e3:.0f} KB); opening a .py file "
               f"or a large pipeline (over 64 K characters) adds the full core, {transfer['python_extra'] / 1e3:.0f} KB.")

print("\n".join(out))
(d / "latest.json").write_text(json.dumps({
    "native_ms": {f"{k[0]}/{k[1]}": v for k, v in native.items()},
    "wasm_node_ms": {f"{k[0]}/{k[1]}": v for k, v in wasm.items()},
    "wasm_lite_node_ms": {f"{k[0]}/{k[1]}": v for k, v in lite.items()},
    "chromium_ms": {f"{k[0]}/{k[1]}": v for k, v in page.items()},
    "peak_rss_mib": {f"{k[0]}/{k[1]}/{k[2]}": v for k, v in mem.items()},
    "page_faults_per_call": {f"{k[0]}/{k[1]}/{k[2]}": v for k, v in faults.items() if v is not None},
    "wasm_peak_heap_mib": {f"{k[0]}/{k[1]}/{k[2]}": v for k, v in wasm_mem.items()},
    "chromium_drawing_heap_mib": {f"{k[0]}/{k[1]}": v for k, v in page_heap.items()},
    "keystroke_ms": keystroke,
    "transfer": transfer,
}, indent=1, sort_keys=True) + "\n")
