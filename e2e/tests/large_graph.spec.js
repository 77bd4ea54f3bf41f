// A drawing of more tasks than render.js COMPACT_ABOVE is drawn compact (box,
// coloured head, port dots; the name in its aria-label) so that thousands of
// tasks render in under a second; the
// tasks on screen are drawn in full as soon as the user zooms in to a readable
// scale. Small pipelines (every other spec) are always drawn in full.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open, closeAll, fixture, settled, watch, chainPipeline as chain } from './helpers.js';

test('a 900-task pipeline is drawn compact, and tasks on screen are drawn in full when zoomed in', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await closeAll(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-large-'));
  const files = { 'multiply.component.yaml': fixture('multiply.component.yaml'), 'describe.component.yaml': fixture('describe.component.yaml'), 'long.pipeline.yaml': chain(900) };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  await page.setInputFiles('#file-input', Object.keys(files).map((f) => path.join(dir, f)));
  await settled(page);
  await page.evaluate(() => window.kfpPlayground.setView('graph'));
  const canvas = page.locator('.dag-canvas');
  await expect(canvas).toHaveAttribute('data-compact', 'true');
  await expect(page.locator('svg.dag g.node.task')).toHaveCount(901);
  // Fitted to the window: compact, no port names, and the mismatch still says why.
  expect(await page.locator('svg.dag g.node.task.compact').count()).toBe(901);
  await expect(page.locator('svg.dag g.node.task .port-name')).toHaveCount(0);
  await expect(page.locator('svg.dag g.node.task .node-title')).toHaveCount(0);
  await expect(page.locator('svg.dag g.node[data-id="task:m0"]')).toHaveAttribute('aria-label', 'task m0');
  await expect(page.locator('svg.dag g.edge.mismatch title')).toContainText("Argument type 'STRING' is incompatible with the input type 'NUMBER_DOUBLE'");
  await expect(page.locator('svg.dag g.edge:not(.mismatch) title')).toHaveCount(0);

  // Zoom to 1:1 on task m450: it (and its neighbours on screen) are drawn in full.
  await page.evaluate(() => {
    const dag = window.kfpPlayground.dag;
    const el = dag.svg.querySelector('g.node[data-id="task:m450"]');
    const [, x, y] = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(el.getAttribute('transform')).map(Number);
    dag.autoFit = false;
    dag.pz.t = { k: 1, x: 40 - x, y: 40 - y };
    dag.pz.apply();
  });
  const m450 = page.locator('svg.dag g.node[data-id="task:m450"]');
  await expect(m450).not.toHaveClass(/compact/);
  await expect(m450.locator('.port-name')).toHaveText(['x', 'y', 'product']);
  await expect(m450.locator('.node-title')).toHaveText('m450');
  await expect(m450.locator('title').first()).toContainText('component: Multiply');
  const detailed = Number(await canvas.getAttribute('data-detailed'));
  expect(detailed).toBeGreaterThan(0);
  expect(detailed).toBeLessThan(901); // only what is on screen
  // Far away tasks stay compact; a click on a full task still selects it.
  await expect(page.locator('svg.dag g.node[data-id="task:m0"]')).toHaveClass(/compact/);
  await m450.locator('rect.node-box').click();
  await expect(m450).toHaveClass(/selected/);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(problems).toEqual([]);
});

test('a pipeline of fewer tasks than the threshold is drawn in full', async ({ page }) => {
  await open(page);
  await expect(page.locator('.dag-canvas')).toHaveAttribute('data-compact', 'false');
  await expect(page.locator('svg.dag g.node.task.compact')).toHaveCount(0);
  expect(await page.locator('svg.dag g.node.task .port-name').count()).toBeGreaterThan(0);
});
