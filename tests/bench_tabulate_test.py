#!/usr/bin/env python3
"""bench/tabulate.py (the README's speed table and targets) on made-up inputs
whose answers are known: times that grow as tasks^1, wasm at a fixed multiple
of native, the lite module only on the small cases.
  python3 tests/bench_tabulate_test.py bench/tabulate.py"""
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TABULATE = Path(sys.argv.pop(1) if len(sys.argv) > 1 else Path(__file__).parent.parent / "bench/tabulate.py")
SIZES = (100, 1000, 10000)


def native_json():
    """Five repetitions a case: 1x, 1x, 1.1x, 1.2x, 3x of 0.01 ms a task (median 1.1x, fastest 1x)."""
    benchmarks = []
    for stage in ("load", "compile_argo"):
        for n in SIZES:
            for k in (1.0, 3.0, 1.1, 1.2, 1.0):
                benchmarks.append({"name": f"{stage}/chain/{n}", "run_type": "iteration",
                                   "cpu_time": 0.01 * n * k, "time_unit": "ms"})
    benchmarks.append({"name": "keystroke/random/200", "run_type": "iteration", "cpu_time": 2.0, "time_unit": "ms"})
    benchmarks.append({"name": "load/chain/100_median", "run_type": "aggregate", "cpu_time": 99.0, "time_unit": "ms"})
    return {"benchmarks": benchmarks}


def wasm_lines():
    """kfp_core at 1.5x native's median everywhere (fastest run 1.2x native's fastest); lite at 100 tasks,
    3x (fastest 2.5x); the keystroke in lite. Heap peaks: kfp_core's load 1 KiB a task; lite's (not
    tabulated) far more."""
    lines = []
    for n in SIZES:
        lines.append({"module": "full", "shape": "chain", "tasks": n, "stage": "load_memory", "peak_mib": n / 1024})
    lines.append({"module": "lite", "shape": "chain", "tasks": 100, "stage": "load_memory", "peak_mib": 99.0})
    for stage in ("load", "compile_argo"):
        for n in SIZES:
            lines.append({"module": "full", "shape": "chain", "tasks": n, "stage": stage,
                          "ms": 1.5 * 0.011 * n, "min_ms": 1.2 * 0.01 * n})
        lines.append({"module": "lite", "shape": "chain", "tasks": 100, "stage": stage, "ms": 3 * 1.1, "min_ms": 2.5})
    lines.append({"module": "lite", "shape": "random", "tasks": 200, "stage": "keystroke", "ms": 5.0, "min_ms": 4.0})
    return lines


class Tabulate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="kfp-tabulate-"))
        (cls.dir / "native.json").write_text(json.dumps(native_json()))
        (cls.dir / "wasm.jsonl").write_text("".join(json.dumps(l) + "\n" for l in wasm_lines()))
        page = [{"shape": "chain", "tasks": n, "stage": "layout_render", "ms": 0.2 * n, "heap_mib": n / 100}
                for n in (100, 1000, 5000)]
        page += [{"shape": "chain", "tasks": n, "stage": "load", "ms": 0.03 * n} for n in (100, 1000)]
        (cls.dir / "page.jsonl").write_text("".join(json.dumps(l) + "\n" for l in page))
        (cls.dir / "transfer.json").write_text(json.dumps({"budget": 600000, "editor": 590000, "embed": 450000,
                                                          "python_extra": 750000}))
        run = subprocess.run([sys.executable, str(TABULATE), str(cls.dir)], capture_output=True, text=True)
        if run.returncode != 0:
            raise AssertionError(run.stderr)
        cls.out = run.stdout
        cls.rows = {}
        for line in cls.out.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            cls.rows.setdefault(cells[0], []).append(cells)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def row(self, stage, tasks):
        return next(r for r in self.rows[stage] if len(r) > 2 and r[2] == tasks)

    def target(self, name):
        return next(r for r in self.rows[name])[1:]

    def test_native_is_the_median_of_repetitions_and_aggregates_are_ignored(self):
        self.assertEqual(self.row("load", "100")[3], "1.10")
        self.assertEqual(self.row("compile_argo", "1,000")[3], "11.00")

    def test_wasm_ratio_heap_lite_and_page_only_where_measured(self):
        r = self.row("load", "100")
        self.assertEqual(r[6:12], ["1.65", "1.50", "0.1", "3.30", "3.00", "3.00"])
        r = self.row("load", "1,000")
        self.assertEqual(r[6:12], ["16.50", "1.50", "1.0", "", "", "30.00"])
        r = self.row("compile_argo", "10,000")
        self.assertEqual(r[6:12], ["165.00", "1.50", "", "", "", ""])

    def test_page_rows_carry_the_drawings_heap(self):
        r = next(r for r in self.rows["chain"] if len(r) == 5 and r[1] == "5,000")
        self.assertEqual(r[3:], ["1000.00", "50.0"])

    def test_growth_exponent_of_a_linear_cost_is_one(self):
        fit = next(r for r in self.rows["load"] if r[1] == "chain" and len(r) == 4)
        self.assertEqual(fit[2:], ["1.00", "1.00"])
        self.assertIn("chain: 1.00", self.out)

    def test_targets_compare_medians_and_fastest_runs_for_both_builds(self):
        self.assertEqual(self.target("wasm / native, worst case, kfp_core (< 2×; medians)"), ["1.50 ×", "yes"])
        fastest = [r[1:] for r in self.rows["the same, fastest run against fastest repetition"]]
        self.assertEqual(fastest, [["1.20 ×", "yes"], ["2.50 ×", "no"]])
        self.assertEqual(
            self.target("wasm / native, worst case, the build the page uses for each input (< 2×; medians)"),
            ["3.00 ×", "no"])
        self.assertEqual(self.target("1,000 tasks load + validate + compile Argo, native (< 20 ms; worst shape)"),
                         ["11.00 ms", "yes"])
        self.assertEqual(self.target("validate-as-you-type, 200 tasks, wasm in Node (lite; < 16 ms)"),
                         ["5.00 ms", "yes"])
        self.assertEqual(self.target("page transfer, first visit, worst page (< 600 KB gzip)"), ["590.00 KB", "yes"])

    def test_latest_json_keeps_both_builds(self):
        latest = json.loads((self.dir / "latest.json").read_text())
        lite = latest["wasm_lite_node_ms"]
        self.assertEqual(sorted(lite), ["compile_argo/chain", "load/chain"])
        self.assertEqual(list(lite["load/chain"]), ["100"])
        self.assertAlmostEqual(lite["load/chain"]["100"], 3.3)
        self.assertEqual(sorted(latest["wasm_node_ms"]["load/chain"]), ["100", "1000", "10000"])
        self.assertAlmostEqual(latest["wasm_peak_heap_mib"]["load/chain/1000"], 1000 / 1024)
        self.assertEqual(latest["chromium_drawing_heap_mib"]["chain/5000"], 50.0)


if __name__ == "__main__":
    unittest.main()
