// Layout + render of generated pipelines in the page, through the page's own
// entry points: the core worker (wasm) for analysis and DagView.setPipeline
// for layout + SVG, so whichever layout engine the page uses is what is timed;
// then load, validate and both compiles through the same worker.
// Inputs: BENCH_INPUTS (kfp_bench --write-inputs); figures: JSON lines to BENCH_OUT.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { open } from '../tests/helpers.js';

const inputs = process.env.BENCH_INPUTS;
const out = process.env.BENCH_OUT;
const cases = (process.env.BENCH_CASES || 'chain-100,fan-100,random-100,chain-1000,fan-1000,random-1000,chain-5000,fan-5000,random-5000').split(',');
const stageCases = (process.env.BENCH_STAGE_CASES ||
  'chain-100,fan-100,random-100,chain-1000,fan-1000,random-1000,chain-10000,fan-10000,random-10000').split(',');

function readCase(name) {
  const dir = path.join(inputs, name);
  return fs.readdirSync(dir).sort().map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

// Memory of layout + render: the page's JS heap in use (Chrome DevTools
// Protocol, main thread) right after one drawing, less the heap after a full
// collection with the analysis result in hand and no drawing. V8 may collect
// young garbage while it draws, so this is what the drawing holds plus what
// was not yet collected, a floor for its peak. (The analysis runs in the
// worker's wasm heap: bench/bench_wasm.mjs measures that module's peak.)
async function layoutHeap(page, cdp, files) {
  await page.evaluate(async ({ files }) => {
    const app = window.kfpPlayground;
    const res = await app.core.analyze(files);
    window.benchPipeline = res.graph.pipelines.find((x) => x.file === 'pipeline.yaml');
    await app.dag.setPipeline(null);
  }, { files });
  await cdp.send('HeapProfiler.collectGarbage');
  const before = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await page.evaluate(async () => {
    const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    await window.kfpPlayground.dag.setPipeline(window.benchPipeline, { refit: true });
    await frame();
  });
  const after = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await page.evaluate(() => { delete window.benchPipeline; });
  return (after - before) / (1024 * 1024);
}

test('layout + render, and the four stages, in Chromium', async ({ page }) => {
  expect(inputs && out, 'BENCH_INPUTS and BENCH_OUT').toBeTruthy();
  const cdp = await page.context().newCDPSession(page);
  await open(page);
  await page.evaluate(() => window.kfpPlayground.setView('graph'));
  const lines = [];
  for (const name of cases) {
    if (!fs.existsSync(path.join(inputs, name))) continue;
    const [shape, n] = name.split('-');
    const files = readCase(name);
    const runs = 5; // odd (the median of two runs was the slower one), and enough to ride out a burst of load
    const r = await page.evaluate(async ({ files, runs }) => {
      const app = window.kfpPlayground;
      const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const analyze = [];
      const render = [];
      let nodes = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const res = await app.core.analyze(files); // worker round trip included
        const t1 = performance.now();
        analyze.push(t1 - t0);
        const p = res.graph.pipelines.find((x) => x.file === 'pipeline.yaml');
        await app.dag.setPipeline(null);
        await frame();
        const t2 = performance.now();
        await app.dag.setPipeline(p, { refit: true });
        await frame(); // the drawing has been through style, layout and paint
        render.push(performance.now() - t2);
        nodes = Number(app.dag.canvas.dataset.nodes);
      }
      return { analyze: med(analyze), render: med(render), nodes };
    }, { files, runs });
    expect(r.nodes).toBeGreaterThan(0);
    const heapMib = await layoutHeap(page, cdp, files);
    lines.push({ runtime: 'chromium', shape, tasks: Number(n), stage: 'page_validate', ms: r.analyze });
    lines.push({ runtime: 'chromium', shape, tasks: Number(n), stage: 'layout_render', ms: r.render, nodes: r.nodes,
                 heap_mib: heapMib });
    console.log(`${name}: analyze ${r.analyze.toFixed(1)} ms, layout+render ${r.render.toFixed(1)} ms ` +
                `(${r.nodes} nodes), heap +${heapMib.toFixed(1)} MiB`);
  }
  // The native and Node benchmarks' four stages at their sizes, through the
  // page's own core worker: the build the page uses for each input (kfp_core_lite
  // analyzes small inputs; kfp_core compiles, and analyzes inputs over 64 K
  // characters), the worker round trip and the result's parse included. The
  // median of five calls after an untimed one; a first compile loads kfp_core.
  await page.evaluate(() => window.kfpPlayground.core.compile([{ path: 'c.yaml', text: 'name: c\n' }], 'ir'));
  for (const name of stageCases) {
    if (!fs.existsSync(path.join(inputs, name))) continue;
    const [shape, n] = name.split('-');
    const r = await page.evaluate(async ({ files, runs }) => {
      const core = window.kfpPlayground.core;
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const calls = {
        load: () => core.analyze(files, { checks: false }),
        validate: () => core.analyze(files),
        compile_ir: () => core.compile(files, 'ir'),
        compile_argo: () => core.compile(files, 'argo'),
      };
      const ms = {};
      for (const [stage, call] of Object.entries(calls)) {
        await call();
        const xs = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await call();
          xs.push(performance.now() - t0);
        }
        ms[stage] = med(xs);
      }
      return ms;
    }, { files: readCase(name), runs: 5 });
    for (const [stage, ms] of Object.entries(r)) lines.push({ runtime: 'chromium', shape, tasks: Number(n), stage, ms });
    console.log(`${name}: ${Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
  }
  fs.writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
});
