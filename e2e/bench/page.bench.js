// Layout + render of generated pipelines in the page, through the page's own
// entry points: the core worker (wasm) for analysis and DagView.setPipeline
// for layout + SVG, so whichever layout engine the page uses is what is timed.
// Inputs: BENCH_INPUTS (kfp_bench --write-inputs); figures: JSON lines to BENCH_OUT.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { open } from '../tests/helpers.js';

const inputs = process.env.BENCH_INPUTS;
const out = process.env.BENCH_OUT;
const cases = (process.env.BENCH_CASES || 'chain-100,fan-100,random-100,chain-1000,fan-1000,random-1000,chain-5000,fan-5000,random-5000').split(',');

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

test('layout + render in Chromium', async ({ page }) => {
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
  fs.writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
});
