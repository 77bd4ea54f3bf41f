// The page's two builds of the core (wasm/CMakeLists.txt): a first visit
// downloads kfp_core_lite.wasm only; the whole core (with the Python
// front-end) is fetched the first time a .py file is open, and the .py is
// then read exactly as by kfpc.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { open, closeAll, fixture, fixtures, settled, watch, kfpc } from './helpers.js';

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
