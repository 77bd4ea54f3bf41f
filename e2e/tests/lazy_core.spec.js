// The page's two builds of the core (wasm/CMakeLists.txt): a first visit
// downloads kfp_core_lite.wasm only; the whole core (with the Python
// front-end, compiled for speed) is fetched the first time a .py file is open,
// and the .py is then read exactly as by kfpc, or in the background once the
// open files are large (web/src/worker.js).
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open, closeAll, fixture, fixtures, settled, watch, kfpc, chainPipeline, editorFiles } from './helpers.js';

function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

test('a first visit loads the lite core; opening a .py loads the full core once and reads it', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await open(page);
  await settled(page);
  await expect(page.locator('svg.dag g.node.task').first()).toBeVisible();
  expect(wasm).toEqual(['kfp_core_lite.wasm']);

  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'two_pipelines.py')]);
  await settled(page);
  await page.selectOption('#function-select', 'big');
  await settled(page);
  expect(wasm).toEqual(['kfp_core_lite.wasm', 'kfp_core.wasm']);
  // The same tasks kfpc finds in the file, and no word of a missing front-end.
  const cli = JSON.parse(kfpc(['graph', '--format', 'json', '--function', 'big'], [{ path: 'two_pipelines.py', text: fixture('two_pipelines.py') }]));
  const want = cli.pipelines.find((x) => x.file === 'two_pipelines.py').nodes.filter((n) => n.kind === 'task').map((n) => n.id).sort();
  const drawn = await page.locator('svg.dag g.node.task').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  expect(drawn).toEqual(want);
  expect(want.length).toBe(3);
  await expect(page.locator('#problem-list')).not.toContainText('python-unavailable');
  expect(wasm.filter((w) => w === 'kfp_core.wasm')).toHaveLength(1);
  expect(problems).toEqual([]);
});

// The lite core is linked without the Argo lint (wasm/argo_absent.cpp): an
// Argo file makes the worker ask kfp_core, which lints it as kfpc does.
test('an Argo workflow is linted by the full core, fetched for it', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await open(page);
  await settled(page);
  expect(wasm).toEqual(['kfp_core_lite.wasm']);
  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'cycle.argo.yaml')]);
  await settled(page);
  await expect(page.locator('#tabs .tab[data-path="cycle.argo.yaml"] .kind')).toHaveText('Argo');
  const list = page.locator('#problem-list');
  await expect(list).toContainText("dependency cycle in template 'main': first -> second -> third -> first");
  await expect(list).not.toContainText('this build of the core does not lint Argo files');
  expect(wasm).toEqual(['kfp_core_lite.wasm', 'kfp_core.wasm']);
  expect(problems).toEqual([]);
});

// Opens (through the file input) a 500-task pipeline and its components,
// ~80,000 characters: past FULL_CORE_ABOVE (web/src/util/core_choice.js).
async function openLargePipeline(page) {
  const files = ['multiply.component.yaml', 'describe.component.yaml'].map((f) => ({ path: f, text: fixture(f) }));
  files.push({ path: 'long.pipeline.yaml', text: chainPipeline(500) });
  expect(files[2].text.length).toBeGreaterThan(64 * 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-large-'));
  for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.text);
  await page.setInputFiles('#file-input', files.map((f) => path.join(dir, f.path)));
  await settled(page);
  fs.rmSync(dir, { recursive: true, force: true });
  return files;
}

test('a large pipeline fetches the full core in the background, which then answers as lite did', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await open(page);
  await settled(page);
  await closeAll(page);
  const files = await openLargePipeline(page);
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(501);
  await expect.poll(() => wasm.filter((w) => w === 'kfp_core.wasm').length).toBe(1);
  // Once it is ready every call is the full core's; its answer is kfpc's.
  const r = await page.evaluate(async (files) => {
    const c = window.kfpPlayground.core;
    let res = await c.analyze(files);
    for (let i = 0; i < 100 && c.lastCore !== 'kfp_core'; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      res = await c.analyze(files);
    }
    const p = res.graph.pipelines.find((x) => x.file === 'long.pipeline.yaml');
    return { core: c.lastCore, ids: p.nodes.filter((n) => n.kind === 'task').map((n) => n.id).sort() };
  }, files);
  expect(r.core).toBe('kfp_core');
  const cli = JSON.parse(kfpc(['graph', '--format', 'json'], files));
  const want = cli.pipelines.find((x) => x.file === 'long.pipeline.yaml').nodes.filter((n) => n.kind === 'task');
  expect(r.ids).toEqual(want.map((n) => n.id).sort());
  expect(r.ids).toHaveLength(501);
  expect(wasm.filter((w) => w === 'kfp_core.wasm')).toHaveLength(1);
  expect(problems).toEqual([]);
});

test('when the full core cannot be fetched in the background, lite goes on answering and the page works', async ({ page }) => {
  const problems = watch(page);
  let refused = 0;
  await page.context().route('**/kfp_core.wasm', (route) => {
    refused++;
    return route.fulfill({ status: 404, body: 'gone' });
  });
  await open(page);
  await settled(page);
  await closeAll(page);
  const files = await openLargePipeline(page);
  await expect.poll(() => refused).toBeGreaterThan(0);
  const r = await page.evaluate(async (files) => {
    const c = window.kfpPlayground.core;
    const res = await c.analyze(files);
    return { core: c.lastCore, tasks: res.graph.pipelines.find((x) => x.file === 'long.pipeline.yaml').nodes.filter((n) => n.kind === 'task').length };
  }, files);
  expect(r).toEqual({ core: 'kfp_core_lite', tasks: 501 });
  await expect(page.locator('body')).not.toHaveAttribute('data-core', 'failed');
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(501);
  expect(problems).toEqual([]);
});

test('an Argo workflow when the full core cannot be fetched: lite says it cannot lint it, and the page works', async ({ page }) => {
  const problems = watch(page);
  await page.context().route('**/kfp_core.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page);
  await settled(page);
  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'cycle.argo.yaml')]);
  await settled(page);
  await expect(page.locator('#problem-list')).toContainText('this build of the core does not lint Argo files');
  await expect(page.locator('body')).not.toHaveAttribute('data-core', 'failed');
  expect(await page.evaluate(() => window.kfpPlayground.core.lastCore)).toBe('kfp_core_lite');
  expect(problems).toEqual([]);
});

// Compiling is kfp_core's only: opening the Export menu starts fetching it,
// and the export is then what kfpc writes.
test('the Export menu fetches the full core, which compiles the export as kfpc does', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await open(page);
  await settled(page);
  expect(wasm).toEqual(['kfp_core_lite.wasm']);
  await page.click('#menu-export .menu-button');
  await expect.poll(() => wasm).toEqual(['kfp_core_lite.wasm', 'kfp_core.wasm']);
  const files = await editorFiles(page);
  const download = page.waitForEvent('download');
  await page.click('[data-export="ir-download"]');
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  expect(text).toBe(kfpc(['compile', '--to', 'ir'], files));
  expect(wasm.filter((w) => w === 'kfp_core.wasm')).toHaveLength(1);
  expect(problems).toEqual([]);
});

test('an export when the full core cannot be fetched: the export says so, and the page goes on analyzing', async ({ page }) => {
  const problems = watch(page);
  await page.context().route('**/kfp_core.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await open(page);
  await settled(page);
  await page.click('#menu-export .menu-button');
  await page.click('[data-export="ir-download"]');
  await expect(page.locator('#toast')).toContainText('Compile failed');
  await expect(page.locator('body')).not.toHaveAttribute('data-core', 'failed');
  await closeAll(page);
  await page.setInputFiles('#file-input', [path.join(fixtures, 'multiply.component.yaml')]);
  await settled(page);
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(1);
  expect(problems).toEqual([]);
});
